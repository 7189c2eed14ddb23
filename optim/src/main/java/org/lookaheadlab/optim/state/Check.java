package org.lookaheadlab.optim.state;

/**
 * Hyperparameter validation with messages that name the field, the value and the accepted range.
 */
public final class Check {

    private Check() {}

    private static IllegalArgumentException fail(String field, Object value, String range) {
        return new IllegalArgumentException(field + " = " + value + " is out of range; accepted: " + range);
    }

    /** value ∈ (0, ∞), finite. */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw fail(field, value, "(0, ∞) (finite, > 0)");
        }
        return value;
    }

    /** value ∈ [0, ∞), finite. */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw fail(field, value, "[0, ∞) (finite, ≥ 0)");
        }
        return value;
    }

    /** value ∈ [0, 1). */
    public static double halfOpenUnit(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw fail(field, value, "[0, 1)");
        }
        return value;
    }

    /** value ∈ [0, 1]. */
    public static double closedUnit(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw fail(field, value, "[0, 1]");
        }
        return value;
    }

    /** value ≥ min. */
    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw fail(field, value, "[" + min + ", ∞)");
        }
        return value;
    }

    /** min ≤ value ≤ max. */
    public static int between(String field, int value, int min, int max, String maxName) {
        if (value < min || value > max) {
            throw fail(field, value, "[" + min + ", " + maxName + " = " + max + "]");
        }
        return value;
    }

    /** Fails with {@code field = value is out of range; accepted: range} unless {@code ok}. */
    public static void that(boolean ok, String field, Object value, String range) {
        if (!ok) {
            throw fail(field, value, range);
        }
    }
}
