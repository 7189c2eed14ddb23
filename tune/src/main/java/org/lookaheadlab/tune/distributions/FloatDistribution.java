package org.lookaheadlab.tune.distributions;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A float parameter in [low, high], optionally log-scaled or on a grid {@code low + k·step}.
 *
 * <p>Validation, in this order: log with a step; low &gt; high; log with low ≤ 0; step ≤ 0. When
 * (high − low) is not a multiple of the step, high becomes low + floor((high − low)/step)·step, computed in
 * decimal arithmetic on the printed values so that 0.1-steps do not suffer binary rounding.
 *
 * @param low  lower bound (inclusive)
 * @param high upper bound (inclusive, after step adjustment)
 * @param log  sample uniformly in ln x
 * @param step grid step, or null for a continuous range
 */
public record FloatDistribution(double low, double high, boolean log, Double step) implements Distribution {

    public FloatDistribution {
        if (log && step != null) {
            throw new IllegalArgumentException("The parameter `step` is not supported when `log` is true.");
        }
        NumericRange.checkOrdered(low <= high, low, high);
        if (log && low <= 0.0) {
            throw new IllegalArgumentException(
                    "`low > 0` must hold for `log=True`, but got (low=" + low + ", high=" + high + ").");
        }
        if (step != null && !(step > 0.0)) {
            throw new IllegalArgumentException("`step > 0` must hold, but got step=" + step + ".");
        }
        if (step != null) {
            double adjusted = adjustHigh(low, high, step);
            NumericRange.warnIfAdjusted(FloatDistribution.class, adjusted != high, low, high, step, adjusted);
            high = adjusted;
        }
    }

    /** A continuous float range, linear or log. */
    public FloatDistribution(double low, double high, boolean log) {
        this(low, high, log, null);
    }

    static double adjustHigh(double low, double high, double step) {
        BigDecimal lo = new BigDecimal(Double.toString(low));
        BigDecimal hi = new BigDecimal(Double.toString(high));
        BigDecimal st = new BigDecimal(Double.toString(step));
        BigDecimal k = hi.subtract(lo).divide(st, 0, RoundingMode.FLOOR);
        return lo.add(k.multiply(st)).doubleValue();
    }

    @Override
    public boolean single() {
        if (step == null) {
            return low == high;
        }
        return low == high || (high - low) < step;
    }

    @Override
    public boolean contains(double v) {
        if (!(low <= v && v <= high)) {
            return false;
        }
        if (step == null) {
            return true;
        }
        double k = (v - low) / step;
        return Math.abs(k - Math.rint(k)) < 1e-8;
    }

    @Override
    public double toInternal(Object external) {
        return NumericRange.toInternal(external, log);
    }

    @Override
    public Object toExternal(double internal) {
        return internal;
    }

    @Override
    public double singleValue() {
        return low;
    }
}
