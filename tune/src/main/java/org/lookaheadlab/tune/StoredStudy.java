package org.lookaheadlab.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A study as a storage lists it: every objective's direction (Optuna's studies may have several; this tuner
 * runs single-objective ones only) and the study's user and system attributes (JSON-compatible values).
 */
public record StoredStudy(long studyId, String name, List<StudyDirection> directions, Map<String, Object> userAttrs,
                          Map<String, Object> systemAttrs) {

    public StoredStudy {
        directions = List.copyOf(directions);
        userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
        systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
    }

    /** True when the study has exactly one objective. */
    public boolean singleObjective() {
        return directions.size() == 1;
    }

    /**
     * The study for tuning.
     *
     * @throws IllegalArgumentException (one line) when it does not have exactly one objective
     */
    public StudyInfo toStudyInfo() {
        if (!singleObjective()) {
            throw new IllegalArgumentException("study '" + name + "' has " + directions.size() + " objectives ("
                    + directions.stream().map(Enum::name).collect(Collectors.joining(", ")) + "): this tuner runs"
                    + " single-objective studies only, so it lists this study but does not tune it");
        }
        return new StudyInfo(studyId, name, directions.get(0));
    }
}
