package org.lookaheadlab.tune;

import java.util.Objects;

/**
 * What one trial of a round came to ({@link BatchObjective}): a value, or a failure with its reason.
 *
 * @param value the objective value of a completed trial (NaN or ±∞ fail it, as a returned value does in {@link
 *     Study#optimize}); NaN for a failure
 * @param failReason null for a value, else why the trial failed
 */
public record TrialOutcome(double value, String failReason) {

    /** A trial that returned {@code value}. */
    public static TrialOutcome of(double value) {
        return new TrialOutcome(value, null);
    }

    /** A trial that failed because of {@code e}: the reason is its class and message, as {@link Study#optimize} stores. */
    public static TrialOutcome failed(Exception e) {
        Objects.requireNonNull(e, "e");
        return new TrialOutcome(Double.NaN, e.getClass().getName() + ": " + e.getMessage());
    }

    /** Whether the trial failed on its own account (not by its value). */
    public boolean isFailure() {
        return failReason != null;
    }
}
