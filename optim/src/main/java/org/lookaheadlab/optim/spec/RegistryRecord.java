package org.lookaheadlab.optim.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every registry record has: a canonical name, aliases, a display name, a one-line description and its
 * hyperparameters. Names and aliases are matched case-insensitively; everything prints the canonical name.
 */
public sealed interface RegistryRecord permits OptimizerRecord, ScheduleRecord {

    /** The canonical name, e.g. {@code wtlr}. */
    String name();

    /** Other accepted spellings, e.g. {@code weight-trajectory-lr}. */
    List<String> aliases();

    /** The name for reports, e.g. {@code WeightTrajectoryLR}. */
    String displayName();

    /** One line: what it is and where its update rule is stated. */
    String description();

    /** Its hyperparameters, in canonical order. */
    List<Param> params();

    /** Whether {@code name} is this record's name or one of its aliases (case-insensitive). */
    default boolean answersTo(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return this.name().toLowerCase(Locale.ROOT).equals(n)
                || aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(n));
    }

    /** The hyperparameter {@code name}, if declared. */
    default Optional<Param> param(String name) {
        return params().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The hyperparameter names, comma-separated (for messages). */
    default String paramNames() {
        return String.join(", ", params().stream().map(Param::name).toList());
    }

    /** Help text: a heading line, then one indented line per hyperparameter. */
    default String help() {
        StringBuilder s = new StringBuilder(name());
        if (!aliases().isEmpty()) {
            s.append(" (also ").append(String.join(", ", aliases())).append(')');
        }
        s.append(" — ").append(displayName()).append(": ").append(description());
        for (Param p : params()) {
            s.append("\n    ").append(p.help());
        }
        return s.toString();
    }
}
