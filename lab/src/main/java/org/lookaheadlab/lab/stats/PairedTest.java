package org.lookaheadlab.lab.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Paired comparison of a contender against a baseline over the same seeds.
 *
 * <p>With differences dᵢ = contenderᵢ − baselineᵢ (i = 1…n): the paired Student t statistic is
 * t = d̄ / (s_d/√n) with n − 1 degrees of freedom and the two-sided p-value 2·P(T ≥ |t|). Degenerate cases:
 * n &lt; 2 gives p = NaN (nothing to test); all differences equal to 0 gives t = 0, p = 1; equal non-zero
 * differences (s_d = 0) give p = NaN, since the t statistic is undefined. As a distribution-free check, the
 * Wilcoxon signed-rank test's two-sided p-value is also reported (zero differences dropped first, then the exact
 * distribution for up to 30 pairs and commons-math3's normal approximation above); NaN for n &lt; 2.
 *
 * @param n number of pairs
 * @param meanDifference d̄ (negative: the contender's values are lower)
 * @param difference mean and 95% interval of the differences
 * @param t the paired t statistic (NaN where undefined)
 * @param pValue two-sided p-value of the paired t-test
 * @param wilcoxonPValue two-sided p-value of the Wilcoxon signed-rank test
 */
public record PairedTest(
        int n, double meanDifference, MeanInterval difference, double t, double pValue, double wilcoxonPValue) {

    /** The conventional significance level for the verdict. */
    public static final double ALPHA = 0.05;

    /**
     * Tests {@code contender} against {@code baseline}, pair by pair.
     *
     * @throws IllegalArgumentException on arrays of different length, empty arrays or non-finite values
     */
    public static PairedTest of(double[] baseline, double[] contender) {
        if (baseline.length != contender.length) {
            throw new IllegalArgumentException("baseline has " + baseline.length + " values but contender has "
                    + contender.length + "; a paired test needs one value per seed on both sides");
        }
        double[] d = new double[baseline.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = contender[i] - baseline[i];
        }
        return ofDifferences(d);
    }

    /**
     * The same test from the differences dᵢ = contenderᵢ − baselineᵢ themselves (or any units whose mean is
     * tested against 0, such as per-study mean differences).
     *
     * @throws IllegalArgumentException on an empty array or non-finite values
     */
    public static PairedTest ofDifferences(double[] d) {
        MeanInterval diff = MeanInterval.of(d);
        int n = d.length;
        if (n < 2) {
            return new PairedTest(n, diff.mean(), diff, Double.NaN, Double.NaN, Double.NaN);
        }
        double t;
        double p;
        if (diff.sd() == 0) {
            boolean allZero = diff.mean() == 0;
            t = allZero ? 0 : Double.NaN;
            p = allZero ? 1 : Double.NaN;
        } else {
            t = diff.mean() / (diff.sd() / Math.sqrt(n));
            p = 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(t));
        }
        return new PairedTest(n, diff.mean(), diff, t, p, wilcoxon(d));
    }

    /** Two-sided Wilcoxon signed-rank p-value of the non-zero differences (zeros dropped first). */
    private static double wilcoxon(double[] d) {
        double[] nonZero = Arrays.stream(d).filter(v -> v != 0).toArray();
        if (nonZero.length == 0) {
            return 1.0;
        }
        boolean exact = nonZero.length <= 30;
        return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(nonZero, new double[nonZero.length], exact);
    }

    /** True when the t-test's p-value is defined and below {@link #ALPHA}. */
    public boolean significant() {
        return pValue < ALPHA;
    }
}
