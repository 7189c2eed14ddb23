package org.lookaheadlab.lab.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ExperimentSetup;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.lab.stats.BootstrapInterval;
import org.lookaheadlab.lab.stats.BudgetCurve;
import org.lookaheadlab.lab.stats.MeanInterval;
import org.lookaheadlab.lab.stats.PairedTest;
import org.lookaheadlab.lab.stats.PairedVerdict;

/**
 * Turns verdict runs into statistics and verdict sentences.
 *
 * <p>Per contender: mean ± 95% Student-t interval of the objective, the final test accuracy and the final test
 * loss over the verdict runs that completed, and the budget curve of its complete tuning trials
 * ({@link BudgetCurve}, Dodge et al. 2019). Against the baseline (the first contender), the objective's paired
 * differences, grouped by tuning study, go through the report's decision rule ({@link PairedVerdict}: the
 * t-test, Holm across contenders, a claim at adjusted p &lt; 0.05; shown with the Wilcoxon check, a seeded
 * bootstrap interval, d_z and the difference the design detects at 80% power); test accuracy gets a paired
 * t-test. It never claims anything from fewer than two paired seeds.
 *
 * @param objectiveName e.g. "final-val-loss" (lower is better)
 * @param contenders one entry per contender, baseline first
 * @param verdicts one sentence per non-baseline contender
 * @param rankingChanges the budgets at which the contenders' ranking by expected best objective changes
 *     (indices into the contenders that have a budget curve, see {@link #ranked})
 * @param budgetSentence what the budget curves say about the ranking
 * @param sweep per batch size of a sweep and contender, final test loss and accuracy and the paired test of the
 *     test loss against the baseline; empty without a sweep
 */
public record ComparisonAnalysis(String objectiveName, List<ContenderStats> contenders, List<String> verdicts,
        List<BudgetCurve.RankingChange> rankingChanges, String budgetSentence, List<SweepRow> sweep) {

    /**
     * One row of the batch-size sweep.
     *
     * @param batchSize the batch size
     * @param contender contender name
     * @param testLoss final test loss over the seeds completed at that batch size, null when none
     * @param testAccuracy final test accuracy likewise
     * @param vsBaseline paired t-test of the final test loss against the baseline at the same batch size, null
     *     for the baseline or without a common seed
     */
    public record SweepRow(int batchSize, String contender, MeanInterval testLoss, MeanInterval testAccuracy,
            PairedTest vsBaseline) {}

    public static ComparisonAnalysis of(ExperimentResult result) {
        ContenderResult baseline = result.baseline();
        int n = result.contenders().size();
        List<List<double[]>> comparisons = new ArrayList<>();
        for (ContenderResult c : result.contenders().subList(1, n)) {
            comparisons.add(differencesByStudy(baseline, c, SeedRun::objective));
        }
        List<PairedVerdict> decided = PairedVerdict.decide(comparisons);
        List<ContenderStats> stats = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        String objective = result.setup().objective();
        for (int i = 0; i < n; i++) {
            ContenderResult c = result.contenders().get(i);
            PairedTest accTest = i == 0 || !hasAccuracy(baseline) ? null
                    : paired(baseline, c, SeedRun::finalTestAccuracy); // none for a model without classes (NQM)
            ContenderStats s = new ContenderStats(c.name(), c.label(),
                    count(c, "COMPLETE"), count(c, "FAIL"), count(c, "PRUNED"),
                    (int) c.seedRuns().stream().filter(SeedRun::completed).count(),
                    (int) c.seedRuns().stream().filter(r -> !r.completed()).count(),
                    interval(c, SeedRun::objective), interval(c, SeedRun::finalTestAccuracy),
                    interval(c, SeedRun::finalTestLoss), i == 0 ? null : decided.get(i - 1), accTest,
                    budgetCurve(c));
            stats.add(s);
            if (i > 0) {
                verdicts.add(verdict(objective, baseline.name(), s));
            }
        }
        List<ContenderStats> ranked = ranked(stats);
        List<BudgetCurve.RankingChange> changes = BudgetCurve.rankingChanges(
                ranked.stream().map(ContenderStats::budget).toList());
        return new ComparisonAnalysis(objective, stats, verdicts, changes, budgetSentence(objective, ranked, changes),
                sweep(result));
    }

    /** Whether some completed verdict run of {@code c} has a test accuracy (a model with its own loss has none). */
    private static boolean hasAccuracy(ContenderResult c) {
        return c.seedRuns().stream().filter(SeedRun::completed).anyMatch(r -> !Double.isNaN(r.finalTestAccuracy()));
    }

    /** The contenders that have a budget curve, in contender order: what {@link #rankingChanges} indexes. */
    public static List<ContenderStats> ranked(List<ContenderStats> contenders) {
        return contenders.stream().filter(s -> s.budget() != null).toList();
    }

    /** The budget curve of a contender's complete trials, null without any. */
    static BudgetCurve budgetCurve(ContenderResult c) {
        double[] values = c.trials().stream().filter(TrialRecord::complete).mapToDouble(TrialRecord::value).toArray();
        return values.length == 0 ? null : BudgetCurve.ofMinimum(values);
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
        return interval(c.seedRuns(), metric);
    }

    /** Mean and interval of {@code metric} over the completed {@code runs} (finite values), null without any. */
    static MeanInterval interval(List<SeedRun> runs, ToDoubleFunction<SeedRun> metric) {
        return intervalOf(runs.stream().filter(SeedRun::completed).mapToDouble(metric).toArray());
    }

    /** Mean and interval of the finite values, null without any. */
    private static MeanInterval intervalOf(double[] values) {
        double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        return finite.length == 0 ? null : MeanInterval.of(finite);
    }

    /**
     * Pairs (baseline value, contender value) over the seeds that completed for both with finite values, in the
     * baseline's seed order.
     */
    private static List<double[]> pairs(List<SeedRun> baseline, List<SeedRun> contender,
            ToDoubleFunction<SeedRun> metric) {
        Map<Long, SeedRun> bySeed = new HashMap<>();
        for (SeedRun r : contender) {
            if (r.completed()) {
                bySeed.put(r.seed(), r);
            }
        }
        List<double[]> pairs = new ArrayList<>();
        for (SeedRun b : baseline) {
            SeedRun other = bySeed.get(b.seed());
            if (b.completed() && other != null) {
                double x = metric.applyAsDouble(b);
                double y = metric.applyAsDouble(other);
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    pairs.add(new double[] {x, y});
                }
            }
        }
        return pairs;
    }

    /**
     * The paired differences contender − baseline of {@code metric}, one array per tuning study. A contender has
     * one study so far: its verdict runs are one group.
     */
    /** The objective differences of the second contender vs the baseline, per study (for tests). */
    public static List<double[]> differencesByStudyForTest(ExperimentResult result) {
        return differencesByStudy(result.baseline(), result.contenders().get(1), SeedRun::objective);
    }

    static List<double[]> differencesByStudy(ContenderResult baseline, ContenderResult c,
            ToDoubleFunction<SeedRun> metric) {
        int studies = Math.min(baseline.studies().size(), c.studies().size());
        if (studies < 2) {
            double[] d = pairs(baseline.seedRuns(), c.seedRuns(), metric).stream().mapToDouble(p -> p[1] - p[0])
                    .toArray();
            return d.length == 0 ? List.of() : List.of(d);
        }
        List<double[]> out = new ArrayList<>(); // study s of the contender paired with study s of the baseline
        for (int s = 0; s < studies; s++) {
            double[] d = pairs(baseline.studies().get(s).seedRuns(), c.studies().get(s).seedRuns(), metric).stream()
                    .mapToDouble(p -> p[1] - p[0]).toArray();
            if (d.length > 0) {
                out.add(d);
            }
        }
        return out;
    }

    /** Paired t-test over the seeds that completed for both contenders, null without any. */
    private static PairedTest paired(List<SeedRun> baseline, List<SeedRun> c, ToDoubleFunction<SeedRun> metric) {
        List<double[]> pairs = pairs(baseline, c, metric);
        if (pairs.isEmpty()) {
            return null;
        }
        return PairedTest.of(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
    }

    private static PairedTest paired(ContenderResult baseline, ContenderResult c, ToDoubleFunction<SeedRun> metric) {
        return paired(baseline.seedRuns(), c.seedRuns(), metric);
    }

    /** Sweep rows: every batch size of the sweep, every contender, its verdict and sweep runs at that size. */
    static List<SweepRow> sweep(ExperimentResult result) {
        List<SweepRow> rows = new ArrayList<>();
        for (int bs : result.setup().batchSizes()) {
            List<SeedRun> base = runsAt(result.baseline(), bs);
            for (ContenderResult c : result.contenders()) {
                List<SeedRun> runs = runsAt(c, bs);
                rows.add(new SweepRow(bs, c.name(),
                        intervalOf(runs.stream().mapToDouble(SeedRun::finalTestLoss).toArray()),
                        intervalOf(runs.stream().mapToDouble(SeedRun::finalTestAccuracy).toArray()),
                        c == result.baseline() ? null : paired(base, runs, SeedRun::finalTestLoss)));
            }
        }
        return rows;
    }

    /** The completed verdict and sweep runs of {@code c} at {@code batchSize}, one per seed, by seed. */
    private static List<SeedRun> runsAt(ContenderResult c, int batchSize) {
        Map<Long, SeedRun> out = new TreeMap<>();
        for (List<SeedRun> runs : List.of(c.seedRuns(), c.sweepRuns())) {
            for (SeedRun r : runs) {
                if (r.batchSize() == batchSize && r.completed()) {
                    out.put(r.seed(), r);
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** Below this many paired seeds a significant result is flagged as preliminary. */
    static final int FEW_SEEDS = 5;

    /** The verdict sentence of one contender against the baseline (plain text, not escaped). */
    static String verdict(String objective, String baselineName, ContenderStats s) {
        PairedVerdict v = s.objectiveVerdict();
        PairedTest t = v == null ? null : v.test();
        if (t == null || t.n() < 2) {
            int n = v == null ? 0 : v.pairs();
            return String.format(Locale.ROOT, "%s vs %s: no claim possible, only %d paired verdict seed%s completed"
                    + " on both sides (a paired test needs at least 2).", s.name(), baselineName, n, n == 1 ? "" : "s");
        }
        int family = v.family();
        String holm = family > 1 ? String.format(Locale.ROOT, " (Holm-adjusted over %d comparisons: %s)", family,
                Format.p(s.adjustedP())) : "";
        BootstrapInterval boot = v.bootstrap();
        String units = v.studies() == 1 ? String.format(Locale.ROOT, "n = %d seeds", t.n())
                : String.format(Locale.ROOT, "%d studies, %d paired seeds; t-test over the %d study means", v.studies(),
                        v.pairs(), t.n());
        String diff = String.format(Locale.ROOT, "mean difference %s (95%% CI [%s, %s]; bootstrap [%s, %s]),"
                + " d_z = %s, paired t-test p %s%s, Wilcoxon p %s, %s", Format.num(t.meanDifference()),
                Format.num(t.difference().lower()), Format.num(t.difference().upper()), Format.num(boot.lower()),
                Format.num(boot.upper()), Format.num(v.effectSize()), Format.pIs(t.pValue()), holm,
                Format.pIs(t.wilcoxonPValue()), units);
        PairedTest acc = s.accuracyVsBaseline();
        String accuracy = acc == null ? "" : String.format(Locale.ROOT, "; test accuracy difference %s, p %s",
                Format.num(acc.meanDifference()), Format.pIs(acc.pValue()));
        String power = " " + powerSentence(v);
        if (!v.claimed()) {
            return String.format(Locale.ROOT, "No significant difference between %s and %s on %s (%s%s).%s",
                    s.name(), baselineName, objective, diff, accuracy, power);
        }
        String direction = t.meanDifference() < 0 ? "lower (better)" : "higher (worse)";
        String fragile = v.studies() == 1 && t.n() < FEW_SEEDS ? String.format(Locale.ROOT, " With only %d seeds"
                + " this rests on the t-test's normality assumption (the Wilcoxon check cannot go below %s): treat it"
                + " as preliminary and rerun with --seeds %d or more.", t.n(), Format.p(2.0 / Math.pow(2, t.n())),
                FEW_SEEDS) : "";
        String bootstrapDisagrees = boot.excludesZero() ? "" : " The bootstrap interval includes 0: the claim leans"
                + " on the t-test's normality assumption.";
        return String.format(Locale.ROOT, "%s has a significantly %s %s than %s (%s%s).%s%s%s",
                s.name(), direction, objective, baselineName, diff, accuracy, fragile, bootstrapDisagrees, power);
    }

    /**
     * The smallest true difference the design detects with 80% power, e.g. "With 5 paired seeds this design
     * detects a true difference of 0.0612 or more (either sign) with 80% power (paired t-test, two-sided α =
     * 0.05, at the observed spread s = 0.0364); smaller ones can go unnoticed."
     */
    static String powerSentence(PairedVerdict v) {
        if (Double.isNaN(v.detectableDifference())) {
            return "";
        }
        String design = v.studies() == 1 ? String.format(Locale.ROOT, "With %d paired seeds", v.test().n())
                : String.format(Locale.ROOT, "With %d tuning studies (%d paired seeds)", v.studies(), v.pairs());
        String test = v.studies() == 1 ? "paired t-test" : "t-test over the study means";
        String level = v.detectableAlpha() < PairedVerdict.ALPHA
                ? String.format(Locale.ROOT, "α = 0.05/%d = %s, the Holm procedure's strictest step",
                        v.family(), Format.p(v.detectableAlpha()))
                : "α = 0.05";
        return String.format(Locale.ROOT, "%s this design detects a true difference of %s or more (either sign) with"
                + " %d%% power (%s, two-sided %s, at the observed spread s = %s); smaller ones can go unnoticed.",
                design, Format.num(v.detectableDifference()), Math.round(PairedVerdict.POWER * 100), test, level,
                Format.num(v.test().difference().sd()));
    }

    /** Names the budgets at which the ranking changes, or says that it does not. */
    static String budgetSentence(String objective, List<ContenderStats> ranked,
            List<BudgetCurve.RankingChange> changes) {
        if (ranked.size() < 2) {
            return "Budget curves: fewer than two contenders have complete tuning trials, so there is no ranking to"
                    + " follow over the budget.";
        }
        int common = ranked.stream().mapToInt(s -> s.budget().trials()).min().orElseThrow();
        boolean unequal = ranked.stream().anyMatch(s -> s.budget().trials() != common);
        String head = String.format(Locale.ROOT, "Budget curves (expected best %s after n trials drawn from each"
                + " contender's complete trials, Dodge et al. 2019)", objective);
        String range = String.format(Locale.ROOT, "n = 1 to %d%s", common,
                unequal ? " (the fewest complete trials of any contender)" : "");
        if (changes.isEmpty()) {
            return String.format(Locale.ROOT, "%s: the ranking %s (lower expected best first) is the same for every"
                    + " budget, %s.",
                    head, names(ranked, BudgetCurve.ranking(ranked.stream().map(ContenderStats::budget).toList(), 1)),
                    range);
        }
        String at = changes.stream().map(c -> String.format(Locale.ROOT, "n = %d (%s → %s)", c.budget(),
                names(ranked, c.before()), names(ranked, c.after()))).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s: the ranking (lower expected best first) changes at %s, over %s; a"
                + " comparison at a smaller or larger budget could rank them otherwise.", head, at, range);
    }

    private static String names(List<ContenderStats> ranked, List<Integer> order) {
        return order.stream().map(i -> ranked.get(i).name()).collect(Collectors.joining(" < "));
    }
}
