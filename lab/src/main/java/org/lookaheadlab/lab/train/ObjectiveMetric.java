package org.lookaheadlab.lab.train;

import java.util.List;
import java.util.Locale;

/**
 * Which number of a run's per-epoch history a tuner minimises ({@code --objective}); not to be confused with
 * {@link org.lookaheadlab.tune.Objective}, the function a study optimises, whose value this is.
 */
public enum ObjectiveMetric {
    /** Validation loss after the last epoch. */
    FINAL_VAL_LOSS("final-val-loss"),
    /** Smallest validation loss over all epochs. */
    MIN_VAL_LOSS("min-val-loss");

    private final String cliName;

    ObjectiveMetric(String cliName) {
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

    public static ObjectiveMetric parse(String name) {
        for (ObjectiveMetric o : values()) {
            if (o.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "unknown objective '" + name + "', accepted: final-val-loss, min-val-loss");
    }
}
