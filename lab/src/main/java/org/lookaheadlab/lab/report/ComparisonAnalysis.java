package org.lookaheadlab.lab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ExperimentSetup;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.lab.stats.HolmCorrection;
import org.lookaheadlab.lab.stats.MeanInterval;
import org.lookaheadlab.lab.stats.PairedTest;

/**
 * Turns verdict runs into statistics and verdict sentences.
 *
 * <p>Per contender: mean ± 95% Student-t interval of the objective, the final test accuracy and the final test
 * loss over the verdict runs that completed. Against the baseline (the first contender): a paired t-test over
 * the seeds on which both completed (Wilcoxon signed-rank as a check). With several contenders the objective
 * p-values are Holm-adjusted as one family ({@link HolmCorrection}). The verdict claims a difference only when
 * the (adjusted) p &lt; 0.05; otherwise it says "no significant difference". It never claims anything from fewer
 * than two paired seeds.
 *
 * @param objectiveName e.g. "final-val-loss" (lower is better)
 * @param contenders one entry per contender, baseline first
 * @param verdicts one sentence per non-baseline contender
 */
public record ComparisonAnalysis(String objectiveName, List<ContenderStats> contenders, List<String> verdicts) {

    public static ComparisonAnalysis of(ExperimentResult result) {
        ContenderResult baseline = result.baseline();
        int n = result.contenders().size();
        List<PairedTest> objTests = new ArrayList<>();
        double[] rawP = new double[n];
        for (int i = 0; i < n; i++) {
            PairedTest t = i == 0 ? null : paired(baseline, result.contenders().get(i), SeedRun::objective);
            objTests.add(t);
            rawP[i] = t == null || t.n() < 2 ? Double.NaN : t.pValue();
        }
        double[] adjusted = HolmCorrection.adjust(rawP);
        int family = (int) Arrays.stream(rawP).filter(p -> !Double.isNaN(p)).count();
        List<ContenderStats> stats = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        String objective = result.setup().objective();
        for (int i = 0; i < n; i++) {
            ContenderResult c = result.contenders().get(i);
            PairedTest accTest = i == 0 ? null : paired(baseline, c, SeedRun::finalTestAccuracy);
            ContenderStats s = new ContenderStats(c.name(), c.label(),
                    count(c, "COMPLETE"), count(c, "FAIL"), count(c, "PRUNED"),
                    (int) c.seedRuns().stream().filter(SeedRun::completed).count(),
                    (int) c.seedRuns().stream().filter(r -> !r.completed()).count(),
                    interval(c, SeedRun::objective), interval(c, SeedRun::finalTestAccuracy),
                    interval(c, SeedRun::finalTestLoss), objTests.get(i), accTest, adjusted[i]);
            stats.add(s);
            if (i > 0) {
                verdicts.add(verdict(objective, baseline.name(), s, family));
            }
        }
        return new ComparisonAnalysis(objective, stats, verdicts);
    }

    /**
     * The caveat of a comparison that tuned on the test split ({@code --val-split test}, the seed reports'
     * protocol): its test figures are those of configurations selected on the test data, hence optimistic. Empty
     * when a validation split was held out of the training data.
     */
    public static java.util.Optional<String> selectionCaveat(ExperimentSetup setup) {
        boolean onTest = setup.validation() != null && setup.validation().startsWith("none");
        return onTest ? java.util.Optional.of("Caveat: tuning selected its configurations on the test split "
                + "(--val-split test, the seed reports' protocol), so every test figure here is optimistically "
                + "biased by that selection; hold out a validation split (the default) for unbiased test figures.")
                : java.util.Optional.empty();
    }

    private static int count(ContenderResult c, String state) {
        return (int) c.trials().stream().map(TrialRecord::state).filter(state::equals).count();
    }

    private static MeanInterval interval(ContenderResult c, ToDoubleFunction<SeedRun> metric) {
        double[] values = c.seedRuns().stream().filter(SeedRun::completed).mapToDouble(metric)
                .filter(Double::isFinite).toArray();
        return values.length == 0 ? null : MeanInterval.of(values);
    }

    /** Paired over the seeds that completed for both contenders, in the baseline's seed order. */
    private static PairedTest paired(ContenderResult baseline, ContenderResult c, ToDoubleFunction<SeedRun> metric) {
        Map<Long, SeedRun> bySeed = new HashMap<>();
        for (SeedRun r : c.seedRuns()) {
            if (r.completed()) {
                bySeed.put(r.seed(), r);
            }
        }
        List<double[]> pairs = new ArrayList<>();
        for (SeedRun b : baseline.seedRuns()) {
            SeedRun other = bySeed.get(b.seed());
            if (b.completed() && other != null) {
                double x = metric.applyAsDouble(b);
                double y = metric.applyAsDouble(other);
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    pairs.add(new double[] {x, y});
                }
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return PairedTest.of(x, y);
    }

    /**
     * The verdict sentence of one contender against the baseline (plain text, not escaped); {@code family} is the
     * number of comparisons whose p-values were Holm-adjusted together.
     */
    /** Below this many paired seeds a significant result is flagged as preliminary. */
    static final int FEW_SEEDS = 5;

    static String verdict(String objective, String baselineName, ContenderStats s, int family) {
        PairedTest t = s.objectiveVsBaseline();
        if (t == null || t.n() < 2) {
            int n = t == null ? 0 : t.n();
            return String.format(Locale.ROOT, "%s vs %s: no claim possible, only %d paired verdict seed%s completed"
                    + " on both sides (a paired test needs at least 2).", s.name(), baselineName, n, n == 1 ? "" : "s");
        }
        String holm = family > 1 ? String.format(Locale.ROOT, " (Holm-adjusted over %d comparisons: %s)", family,
                Format.p(s.adjustedP())) : "";
        String diff = String.format(Locale.ROOT, "mean difference %s (95%% CI [%s, %s]), paired t-test p = %s%s,"
                + " Wilcoxon p = %s, n = %d seeds", Format.num(t.meanDifference()), Format.num(t.difference().lower()),
                Format.num(t.difference().upper()), Format.p(t.pValue()), holm, Format.p(t.wilcoxonPValue()), t.n());
        PairedTest acc = s.accuracyVsBaseline();
        String accuracy = acc == null ? "" : String.format(Locale.ROOT, "; test accuracy difference %s, p = %s",
                Format.num(acc.meanDifference()), Format.p(acc.pValue()));
        if (!(s.adjustedP() < PairedTest.ALPHA)) {
            return String.format(Locale.ROOT, "No significant difference between %s and %s on %s (%s%s).",
                    s.name(), baselineName, objective, diff, accuracy);
        }
        String direction = t.meanDifference() < 0 ? "lower (better)" : "higher (worse)";
        String fragile = t.n() < FEW_SEEDS ? String.format(Locale.ROOT, " With only %d seeds this rests on the t-test's"
                + " normality assumption (the Wilcoxon check cannot go below %s): treat it as preliminary and rerun"
                + " with --seeds %d or more.", t.n(), Format.p(2.0 / Math.pow(2, t.n())), FEW_SEEDS) : "";
        return String.format(Locale.ROOT, "%s has a significantly %s %s than %s (%s%s).%s",
                s.name(), direction, objective, baselineName, diff, accuracy, fragile);
    }
}
