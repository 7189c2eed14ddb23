package org.lookaheadlab.tune.distributions;

/**
 * An integer parameter in [low, high] on the grid {@code low + k·step}, optionally log-scaled (then step = 1).
 *
 * <p>Validation, in this order: log with step ≠ 1; low &gt; high; log with low &lt; 1; step ≤ 0. When
 * (high − low) is not a multiple of the step, high becomes low + floor((high − low)/step)·step.
 */
public record IntDistribution(long low, long high, boolean log, long step) implements Distribution {

    public IntDistribution {
        if (log && step != 1) {
            throw new IllegalArgumentException(
                    "Samplers and other components only accept step is 1 when `log` argument is True, but got step="
                            + step + ".");
        }
        NumericRange.checkOrdered(low <= high, low, high);
        if (log && low < 1) {
            throw new IllegalArgumentException(
                    "`low >= 1` must hold for `log=True`, but got (low=" + low + ", high=" + high + ").");
        }
        if (step <= 0) {
            throw new IllegalArgumentException("`step > 0` must hold, but got step=" + step + ".");
        }
        long adjusted = low + Math.floorDiv(high - low, step) * step;
        NumericRange.warnIfAdjusted(IntDistribution.class, adjusted != high, low, high, step, adjusted);
        high = adjusted;
    }

    /** An integer range with step 1. */
    public IntDistribution(long low, long high, boolean log) {
        this(low, high, log, 1);
    }

    @Override
    public boolean single() {
        return low == high || (!log && high - low < step);
    }

    @Override
    public boolean contains(double v) {
        if (!(low <= v && v <= high) || v != Math.rint(v)) {
            return false;
        }
        return ((long) v - low) % step == 0;
    }

    @Override
    public double toInternal(Object external) {
        return NumericRange.toInternal(external, log);
    }

    @Override
    public Object toExternal(double internal) {
        return (long) internal;
    }

    @Override
    public double singleValue() {
        return low;
    }
}
