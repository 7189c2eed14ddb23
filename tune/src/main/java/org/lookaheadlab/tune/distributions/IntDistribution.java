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
        if (low > high) {
            throw new IllegalArgumentException(
                    "`low <= high` must hold, but got (low=" + low + ", high=" + high + ").");
        }
        if (log && low < 1) {
            throw new IllegalArgumentException(
                    "`low >= 1` must hold for `log=True`, but got (low=" + low + ", high=" + high + ").");
        }
        if (step <= 0) {
            throw new IllegalArgumentException("`step > 0` must hold, but got step=" + step + ".");
        }
        long adjusted = low + Math.floorDiv(high - low, step) * step;
        if (adjusted != high) {
            System.getLogger(IntDistribution.class.getName()).log(System.Logger.Level.WARNING,
                    "The distribution is specified by [" + low + ", " + high + "] and step=" + step
                            + ", but the range is not divisible by `step`. It will be replaced with ["
                            + low + ", " + adjusted + "].");
        }
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

    @Override
    public Object toExternal(double internal) {
        return (long) internal;
    }

    @Override
    public double singleValue() {
        return low;
    }
}
