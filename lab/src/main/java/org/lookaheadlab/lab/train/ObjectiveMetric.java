package org.lookaheadlab.lab.train;

import java.util.List;
import java.util.Locale;

/** The scalar a tuner minimises, computed from a run's per-epoch history. */
public enum Objective {
    /** Validation loss after the last epoch. */
    FINAL_VAL_LOSS("final-val-loss"),
    /** Smallest validation loss over all epochs. */
    MIN_VAL_LOSS("min-val-loss");

    private final String cliName;

    Objective(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public double of(List<EpochMetrics> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history is empty: no epoch finished");
        }
        return switch (this) {
            case FINAL_VAL_LOSS -> history.get(history.size() - 1).validationLoss();
            case MIN_VAL_LOSS -> history.stream().mapToDouble(EpochMetrics::validationLoss).min().orElseThrow();
        };
    }

    public static Objective parse(String name) {
        for (Objective o : values()) {
            if (o.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "unknown objective '" + name + "', accepted: final-val-loss, min-val-loss");
    }
}
