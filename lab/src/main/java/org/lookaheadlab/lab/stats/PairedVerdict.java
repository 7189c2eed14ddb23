package org.lookaheadlab.lab.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verdict figures of one contender against the baseline, and the decision rule of the report
 * ({@link #decide}), which the calibration test applies unchanged to simulated experiments.
 *
 * <p>Input of one comparison: the paired differences d<sub>s,j</sub> = contender − baseline of the objective,
 * one group per tuning study s (the contender's study s paired with the baseline's study s), one value per
 * verdict seed j that completed on both sides.
 *
 * <p>The rule:
 * <ol>
 *   <li><b>Test.</b> One study: the paired t-test over the seeds (n − 1 degrees of freedom). S ≥ 2 studies: the
 *       one-sample t-test of the S per-study mean differences d̄ₛ (S − 1 degrees of freedom). Under a model with
 *       study-level and seed-level noise, d<sub>s,j</sub> = Δ + aₛ + e<sub>s,j</sub>, the d̄ₛ are independent
 *       with a common variance σₐ² + σₑ²/nₛ, so with equal nₛ the second test is exact (it is the F-test of the
 *       nested design). One study cannot measure σₐ: then the test covers seed-to-seed noise only.
 *   <li><b>Family.</b> The p-values of all comparisons with the baseline are Holm-adjusted together
 *       ({@link HolmCorrection}); comparisons without a test do not count.
 *   <li><b>Claim.</b> A difference is claimed when the adjusted p-value is below α = 0.05.
 * </ol>
 * Shown beside the claim, not part of it: the t interval of the test, a two-level percentile bootstrap
 * interval ({@link BootstrapInterval}: studies, then seeds within each; {@value BootstrapInterval#DEFAULT_RESAMPLES}
 * replicates, seed {@value #BOOTSTRAP_SEED}), the paired effect size d_z and the detectable difference.
 *
 * @param studies S, groups with at least one pair
 * @param pairs paired seeds over all studies
 * @param test the t-test over the test's units (seeds with one study, study means with several)
 * @param bootstrap the two-level bootstrap interval of the mean difference, null with fewer than 2 pairs
 * @param effectSize d_z = mean difference / standard deviation of the individual paired differences (all
 *     studies and seeds); NaN with fewer than 2 pairs or no spread
 * @param detectableDifference the smallest true |Δ| the test detects with {@link #POWER} probability at level
 *     {@link #detectableAlpha} ({@link Power#detectableEffect} times the standard deviation of the test's units,
 *     as observed); NaN when the test has fewer than 2 units
 * @param family m, the comparisons whose p-values were Holm-adjusted together (those with a test)
 * @param adjustedP the test's p-value, Holm-adjusted over the family; NaN without a test
 * @param claimed adjustedP &lt; α
 */
public record PairedVerdict(
        int studies,
        int pairs,
        PairedTest test,
        BootstrapInterval bootstrap,
        double effectSize,
        double detectableDifference,
        int family,
        double adjustedP,
        boolean claimed) {

    /** The significance level of the claim. */
    public static final double ALPHA = PairedTest.ALPHA;
    /** The power of the detectable-difference sentence. */
    public static final double POWER = 0.80;
    /** Seed of every comparison's bootstrap replicates. */
    public static final long BOOTSTRAP_SEED = 2019;

    /**
     * Applies the rule to a family of comparisons with the same baseline.
     *
     * @param comparisons per comparison, its differences grouped by study (empty groups are ignored)
     * @return per comparison its verdict, null where no pair exists
     */
    public static List<PairedVerdict> decide(List<List<double[]>> comparisons) {
        return decide(comparisons, BootstrapInterval.DEFAULT_RESAMPLES);
    }

    /**
     * The same with {@code resamples} bootstrap replicates (the claim does not depend on them; fewer make a
     * simulation of many experiments faster).
     */
    public static List<PairedVerdict> decide(List<List<double[]>> comparisons, int resamples) {
        int m = comparisons.size();
        List<List<double[]>> groups = new ArrayList<>();
        List<PairedTest> tests = new ArrayList<>();
        double[] raw = new double[m];
        for (int i = 0; i < m; i++) {
            List<double[]> g = comparisons.get(i).stream().filter(x -> x.length > 0).toList();
            groups.add(g);
            PairedTest t = g.isEmpty() ? null
                    : PairedTest.ofDifferences(g.size() == 1 ? g.get(0)
                            : g.stream().mapToDouble(Descriptive::mean).toArray());
            tests.add(t);
            raw[i] = t == null ? Double.NaN : t.pValue();
        }
        double[] adjusted = HolmCorrection.adjust(raw);
        int family = (int) Arrays.stream(raw).filter(p -> !Double.isNaN(p)).count();
        double alpha = ALPHA / Math.max(1, family);
        List<PairedVerdict> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            PairedTest t = tests.get(i);
            if (t == null) {
                out.add(null);
                continue;
            }
            double[] pooled = groups.get(i).stream().flatMapToDouble(Arrays::stream).toArray();
            BootstrapInterval boot = pooled.length < 2 ? null : BootstrapInterval.ofMean(groups.get(i),
                    MeanInterval.DEFAULT_CONFIDENCE, resamples, BOOTSTRAP_SEED);
            double sd = pooled.length < 2 ? Double.NaN : Descriptive.sampleSd(pooled, Descriptive.mean(pooled));
            double dz = sd > 0 ? t.meanDifference() / sd : Double.NaN;
            double detectable = t.n() < 2 ? Double.NaN
                    : Power.detectableEffect(t.n(), alpha, POWER) * t.difference().sd();
            out.add(new PairedVerdict(groups.get(i).size(), pooled.length, t, boot, dz, detectable, family,
                    adjusted[i], adjusted[i] < ALPHA));
        }
        return out;
    }

    /**
     * The level of the detectable difference: α / m for m comparisons, Bonferroni's level, which Holm's procedure
     * never falls below, so the power at that difference is at least {@link #POWER}; α itself for one comparison.
     */
    public double detectableAlpha() {
        return ALPHA / Math.max(1, family);
    }

    /** What the test's units are: {@code seeds} with one study, {@code studies} (their mean differences) else. */
    public String testUnits() {
        return studies == 1 ? "seeds" : "studies";
    }
}
