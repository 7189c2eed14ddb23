package org.lookaheadlab.lab.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean of a sample with a two-sided Student-t confidence interval.
 *
 * <p>For n values x₁…xₙ: mean x̄ = Σxᵢ/n, sample standard deviation s = √(Σ(xᵢ − x̄)²/(n − 1)), and the
 * interval x̄ ± t<sub>1−(1−c)/2, n−1</sub> · s/√n, where t is the quantile of Student's t distribution with
 * n − 1 degrees of freedom and c the confidence level (0.95 by default). With one value the interval is
 * undefined and its bounds are NaN.
 *
 * @param n number of values
 * @param mean sample mean
 * @param sd sample standard deviation (n − 1 denominator), NaN when n &lt; 2
 * @param halfWidth half width of the interval, NaN when n &lt; 2
 * @param confidence confidence level in (0, 1)
 */
public record MeanInterval(int n, double mean, double sd, double halfWidth, double confidence) {

    /** The usual 95% level. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** Mean and 95% interval of {@code values}. */
    public static MeanInterval of(double[] values) {
        return of(values, DEFAULT_CONFIDENCE);
    }

    /**
     * Mean and interval of {@code values} at the given confidence level.
     *
     * @throws IllegalArgumentException when {@code values} is empty, holds a non-finite value, or the level is
     *     outside (0, 1)
     */
    public static MeanInterval of(double[] values, double confidence) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values is empty: need at least 1 value for a mean");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + ", accepted range (0, 1)");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] is " + values[i] + ", must be finite");
            }
        }
        int n = values.length;
        double mean = Descriptive.mean(values);
        if (n < 2) {
            return new MeanInterval(n, mean, Double.NaN, Double.NaN, confidence);
        }
        double sd = Descriptive.sampleSd(values, mean);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new MeanInterval(n, mean, sd, t * sd / Math.sqrt(n), confidence);
    }

    public double lower() {
        return mean - halfWidth;
    }

    public double upper() {
        return mean + halfWidth;
    }
}
