package org.lookaheadlab.lab.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Expected best objective after n tuning trials, n = 1…N, from the N observed trial values (Dodge et al. 2019,
 * "Show Your Work: Improved Reporting of Experimental Results", eq. 1, for an objective to minimise).
 *
 * <p>The n trials are modelled as n draws with replacement from the empirical distribution of the N observed
 * values. With the values sorted ascending, v₍₁₎ ≤ … ≤ v₍N₎, the minimum of n draws is v₍ᵢ₎ with probability
 * pᵢ(n) = ((N − i + 1)/N)ⁿ − ((N − i)/N)ⁿ (all n draws among the N − i + 1 largest, not all among the N − i
 * largest), so exactly
 * <pre>
 *   E[min of n]   = Σᵢ pᵢ(n) · v₍ᵢ₎  =  v₍₁₎ + Σᵢ₌₂ᴺ (v₍ᵢ₎ − v₍ᵢ₋₁₎) · ((N − i + 1)/N)ⁿ
 *   Var[min of n] = Σᵢ pᵢ(n) · (v₍ᵢ₎ − E[min of n])²
 * </pre>
 * (the second form of E, a sum over P(min ≥ v₍ᵢ₎), is the one computed: it is exact for equal values).
 * Tied values need no special case: their probabilities add up. At n = 1 the expectation is the mean of the
 * values; as n grows it falls towards the best value. Dodge et al. plot E ± √Var clipped to the observed range,
 * as {@link #lowerBand}/{@link #upperBand} do. With a model-based sampler such as TPE the trials are not
 * independent draws; the curve is then, as in the paper, the estimator applied to the observed values: what a
 * budget of n trials gives when they are drawn from the same distribution.
 *
 * @param expected E[min of n] at index n − 1
 * @param sd √Var[min of n] at index n − 1
 * @param best the smallest observed value
 * @param worst the largest observed value
 */
public record BudgetCurve(List<Double> expected, List<Double> sd, double best, double worst) {

    public BudgetCurve {
        expected = List.copyOf(expected);
        sd = List.copyOf(sd);
        if (expected.size() != sd.size()) {
            throw new IllegalArgumentException("expected has " + expected.size() + " values but sd has " + sd.size());
        }
    }

    /**
     * The curve of {@code values} (every COMPLETE trial's objective), n = 1…values.length.
     *
     * @throws IllegalArgumentException when {@code values} is empty or holds a non-finite value
     */
    public static BudgetCurve ofMinimum(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values is empty: a budget curve needs at least 1 trial value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] is " + values[i] + ", must be finite");
            }
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int size = v.length;
        List<Double> expected = new ArrayList<>();
        List<Double> sd = new ArrayList<>();
        double[] tail = new double[size + 1]; // tail[i - 1] = P(min of n ≥ v₍ᵢ₎) = ((N − i + 1)/N)ⁿ; tail[N] = 0
        for (int n = 1; n <= size; n++) {
            double mean = v[0];
            for (int i = 1; i <= size; i++) {
                tail[i - 1] = Math.pow((size - i + 1.0) / size, n);
                if (i > 1) {
                    mean += (v[i - 1] - v[i - 2]) * tail[i - 1]; // E = v₍₁₎ + Σ (v₍ᵢ₎ − v₍ᵢ₋₁₎) P(min ≥ v₍ᵢ₎)
                }
            }
            double var = 0;
            for (int i = 0; i < size; i++) {
                var += (tail[i] - tail[i + 1]) * (v[i] - mean) * (v[i] - mean);
            }
            expected.add(mean);
            sd.add(Math.sqrt(var));
        }
        return new BudgetCurve(expected, sd, v[0], v[size - 1]);
    }

    /** N, the number of trial values (and budgets). */
    public int trials() {
        return expected.size();
    }

    /** E[min of n] for budget n (1-based). */
    public double expectedAt(int n) {
        return expected.get(n - 1);
    }

    /** E − sd at budget n, not below the best observed value. */
    public double lowerBand(int n) {
        return Math.max(best, expected.get(n - 1) - sd.get(n - 1));
    }

    /** E + sd at budget n, not above the worst observed value. */
    public double upperBand(int n) {
        return Math.min(worst, expected.get(n - 1) + sd.get(n - 1));
    }

    /**
     * A budget at which the ranking of several curves by expected best value changes.
     *
     * @param budget the first n with the new ranking
     * @param before curve indices, best first, at n − 1
     * @param after curve indices, best first, at n
     */
    public record RankingChange(int budget, List<Integer> before, List<Integer> after) {

        public RankingChange {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }

    /**
     * The ranking of {@code curves} (lowest expected value first; equal values keep the lower index first) at
     * budget n.
     */
    public static List<Integer> ranking(List<BudgetCurve> curves, int n) {
        return IntStream.range(0, curves.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> curves.get(i).expectedAt(n))
                        .thenComparingInt(i -> i))
                .toList();
    }

    /**
     * Every budget n = 2…min N at which the ranking differs from the one at n − 1; empty when it never changes
     * (or there are fewer than two curves).
     */
    public static List<RankingChange> rankingChanges(List<BudgetCurve> curves) {
        List<RankingChange> changes = new ArrayList<>();
        if (curves.size() < 2) {
            return changes;
        }
        int common = curves.stream().mapToInt(BudgetCurve::trials).min().orElseThrow();
        List<Integer> previous = ranking(curves, 1);
        for (int n = 2; n <= common; n++) {
            List<Integer> current = ranking(curves, n);
            if (!current.equals(previous)) {
                changes.add(new RankingChange(n, previous, current));
            }
            previous = current;
        }
        return changes;
    }
}
