package org.lookaheadlab.tune;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.lookaheadlab.tune.distributions.Distribution;

/**
 * An immutable snapshot of one trial as stored.
 *
 * @param trialId            storage-wide id
 * @param number             0-based, consecutive within the study
 * @param state              RUNNING, COMPLETE, PRUNED or FAIL
 * @param value              objective value (COMPLETE; PRUNED when the last intermediate value is a number), else null
 * @param internalParams     parameter name → internal representation (see {@link Distribution})
 * @param distributions      parameter name → distribution
 * @param intermediateValues step → reported value (NaN allowed)
 * @param userAttrs          user attributes (JSON-compatible values)
 * @param failReason         why a FAIL trial failed, else null
 * @param start              when the trial started
 * @param end                when it finished, null while RUNNING
 */
public record FrozenTrial(long trialId, int number, TrialState state, Double value,
                          Map<String, Double> internalParams, Map<String, Distribution> distributions,
                          NavigableMap<Integer, Double> intermediateValues, Map<String, Object> userAttrs,
                          String failReason, Instant start, Instant end) {

    public FrozenTrial {
        internalParams = Collections.unmodifiableMap(new LinkedHashMap<>(internalParams));
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        intermediateValues = Collections.unmodifiableNavigableMap(new TreeMap<>(intermediateValues));
        userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    }

    /** Parameter name → external value (Double, Long or String), in suggestion order. */
    public Map<String, Object> params() {
        Map<String, Object> out = new LinkedHashMap<>();
        internalParams.forEach((k, v) -> out.put(k, distributions.get(k).toExternal(v)));
        return out;
    }

    /** The last reported step, or -1 when none. */
    public int lastStep() {
        return intermediateValues.isEmpty() ? -1 : intermediateValues.lastKey();
    }
}
