package org.lookaheadlab.tune.distributions;

/** Checks and messages shared by the numeric distributions ({@link FloatDistribution}, {@link IntDistribution}). */
final class NumericRange {

    private NumericRange() {
    }

    /** Throws unless low ≤ high (false for NaN bounds too). */
    static void checkOrdered(boolean ordered, Object low, Object high) {
        if (!ordered) {
            throw new IllegalArgumentException(
                    "`low <= high` must hold, but got (low=" + low + ", high=" + high + ").");
        }
    }

    /** Logs a warning when the grid adjustment moved high to {@code adjusted}. */
    static void warnIfAdjusted(Class<?> owner, boolean adjustedDiffers, Object low, Object high, Object step,
            Object adjusted) {
        if (adjustedDiffers) {
            System.getLogger(owner.getName()).log(System.Logger.Level.WARNING,
                    "The distribution is specified by [" + low + ", " + high + "] and step=" + step
                            + ", but the range is not divisible by `step`. It will be replaced with ["
                            + low + ", " + adjusted + "].");
        }
    }

    /** The internal value of an external number: rejects non-numbers, NaN, and values ≤ 0 when log-scaled. */
    static double toInternal(Object external, boolean log) {
        double v;
        if (external instanceof Number n) {
            v = n.doubleValue();
        } else {
            throw new IllegalArgumentException(
                    "'" + external + "' is not a valid type. float-castable value is expected.");
        }
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("`nan` is invalid value.");
        }
        if (log && v <= 0.0) {
            throw new IllegalArgumentException("`" + v + "` is invalid value for the case log=True.");
        }
        return v;
    }
}
