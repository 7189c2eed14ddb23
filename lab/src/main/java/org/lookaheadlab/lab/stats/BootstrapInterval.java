package org.lookaheadlab.lab.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded percentile bootstrap interval of a mean over two levels: groups (tuning studies) and units within
 * them (verdict seeds).
 *
 * <p>The estimate is the mean of the group means, θ = (1/S) Σₛ x̄ₛ, each group weighted equally. One bootstrap
 * replicate draws S groups with replacement, then, inside each drawn group of mₛ units, mₛ units with
 * replacement, and computes θ* from them. With B replicates sorted, θ*₍₁₎ ≤ … ≤ θ*₍B₎, the interval at
 * confidence c is [θ*₍⌈B·(1−c)/2⌉₎, θ*₍⌈B·(1+c)/2⌉₎] (the inverse of the empirical distribution of the
 * replicates). With one group there is no draw at the group level, so the procedure is exactly the ordinary
 * (one-level) percentile bootstrap of the units' mean. Replicates come from a {@link SplittableRandom} with the
 * given seed: the same input and seed give the same interval on every machine.
 *
 * <p>Percentile intervals from few units are too narrow (with n units the bootstrap variance of a mean is
 * (n − 1)/n of the plug-in variance, and no t-quantile widens it): the report shows them as a distribution-free
 * check next to the t-test, which makes the claim.
 *
 * @param estimate θ, the mean of the group means
 * @param lower lower bound
 * @param upper upper bound
 * @param confidence c
 * @param resamples B
 * @param seed the seed of the replicates
 * @param groups S
 * @param units units over all groups
 */
public record BootstrapInterval(
        double estimate, double lower, double upper, double confidence, int resamples, long seed, int groups,
        int units) {

    /** The report's number of replicates. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** The interval of one group of units (the ordinary bootstrap). */
    public static BootstrapInterval ofMean(double[] units, double confidence, int resamples, long seed) {
        return ofMean(List.of(units), confidence, resamples, seed);
    }

    /**
     * The two-level interval of the mean of {@code groups}' means.
     *
     * @throws IllegalArgumentException when there is no group, a group is empty, a value is not finite, the
     *     confidence is outside (0, 1) or {@code resamples < 1}
     */
    public static BootstrapInterval ofMean(List<double[]> groups, double confidence, int resamples, long seed) {
        check(groups, confidence, resamples);
        int s = groups.size();
        SplittableRandom random = new SplittableRandom(seed);
        double[] replicates = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int g = 0; g < s; g++) {
                double[] group = groups.get(s == 1 ? 0 : random.nextInt(s));
                double groupSum = 0;
                for (int j = 0; j < group.length; j++) {
                    groupSum += group[random.nextInt(group.length)];
                }
                sum += groupSum / group.length;
            }
            replicates[b] = sum / s;
        }
        Arrays.sort(replicates);
        double tail = (1 - confidence) / 2;
        int units = groups.stream().mapToInt(g -> g.length).sum();
        return new BootstrapInterval(meanOfMeans(groups), replicates[rank(tail, resamples)],
                replicates[rank(1 - tail, resamples)], confidence, resamples, seed, s, units);
    }

    /** The mean of the group means. */
    static double meanOfMeans(List<double[]> groups) {
        return Descriptive.mean(groups.stream().mapToDouble(Descriptive::mean).toArray());
    }

    /** 0-based index of the smallest replicate whose empirical distribution function reaches {@code p}. */
    private static int rank(double p, int resamples) {
        int oneBased = (int) Math.ceil(p * resamples - 1e-9); // 0.025 · 10000 is 250.00000000000023 in doubles
        return Math.min(resamples, Math.max(1, oneBased)) - 1;
    }

    private static void check(List<double[]> groups, double confidence, int resamples) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("groups is empty: a bootstrap needs at least 1 group of values");
        }
        for (int g = 0; g < groups.size(); g++) {
            double[] group = groups.get(g);
            if (group.length == 0) {
                throw new IllegalArgumentException("group " + g + " is empty: every group needs at least 1 value");
            }
            for (int j = 0; j < group.length; j++) {
                if (!Double.isFinite(group[j])) {
                    throw new IllegalArgumentException("group " + g + " value " + j + " is " + group[j]
                            + ", must be finite");
                }
            }
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence is " + confidence + ", accepted range (0, 1)");
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples is " + resamples + ", accepted range: >= 1");
        }
    }

    /** True when 0 lies outside [lower, upper]. */
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }
}
