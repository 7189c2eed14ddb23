package org.lookaheadlab.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.stats.BootstrapInterval;
import org.lookaheadlab.lab.stats.BudgetCurve;
import org.lookaheadlab.lab.stats.MeanInterval;
import org.lookaheadlab.lab.stats.PairedTest;
import org.lookaheadlab.lab.stats.PairedVerdict;

/**
 * The {@code verdict} object of {@code results.json}: every figure of the report's verdict, intervals, tests,
 * budget-curve and sweep tables, so that a script reads them instead of recomputing them. Its form is part of
 * {@code results.schema.json} (next to this package's resources); an undefined number (a test that could not
 * run, an interval from one value) is null, never NaN.
 *
 * @param objective the objective's name
 * @param direction always {@code minimize}: lower objective values are better
 * @param baseline the baseline contender's name
 * @param rule the decision rule and the settings of the statistics
 * @param contenders per contender, baseline first
 * @param comparisons per non-baseline contender, its comparison with the baseline
 * @param budget what the budget curves say about the ranking
 * @param sweep the batch-size sweep table, empty without one
 */
public record VerdictJson(String objective, String direction, String baseline, Rule rule,
        List<Contender> contenders, List<Comparison> comparisons, Budget budget, List<SweepRow> sweep,
        TimeToTarget timeToTarget, List<Defaults> defaults) {

    /** A verdict without time to target and default runs (files of an earlier version). */
    public VerdictJson(String objective, String direction, String baseline, Rule rule, List<Contender> contenders,
            List<Comparison> comparisons, Budget budget, List<SweepRow> sweep) {
        this(objective, direction, baseline, rule, contenders, comparisons, budget, sweep, null, List.of());
    }

    /**
     * A contender at its library defaults next to tuned: the objective over the verdict seeds.
     *
     * @param contender its name
     * @param tuned the objective of its tuned best configuration's verdict runs
     * @param defaults the objective of its default runs
     */
    public record Defaults(String contender, Interval tuned, Interval defaults) {}

    /**
     * @param alpha the level of a claim
     * @param multipleComparisons {@code holm}
     * @param power the power of the detectable difference
     * @param confidence the level of every interval
     * @param bootstrapResamples bootstrap replicates
     * @param bootstrapSeed the bootstrap's seed
     * @param text the rule as the report states it
     */
    public record Rule(double alpha, String multipleComparisons, double power, double confidence,
            int bootstrapResamples, long bootstrapSeed, String text) {}

    /** A mean with its Student-t interval; sd, lower and upper are null for one value. */
    public record Interval(int n, Double mean, Double sd, Double lower, Double upper, double confidence) {

        static Interval of(MeanInterval m) {
            return m == null ? null : new Interval(m.n(), num(m.mean()), num(m.sd()), num(m.lower()), num(m.upper()),
                    m.confidence());
        }
    }

    /**
     * @param n budgets 1…N
     * @param expectedBest expected best objective after n trials
     * @param sd its standard deviation
     * @param lower the band's lower edge (expected − sd, not below the best trial)
     * @param upper the band's upper edge (expected + sd, not above the worst trial)
     */
    public record Curve(List<Integer> n, List<Double> expectedBest, List<Double> sd, List<Double> lower,
            List<Double> upper) {

        static Curve of(BudgetCurve c) {
            if (c == null) {
                return null;
            }
            List<Integer> n = IntStream.rangeClosed(1, c.trials()).boxed().toList();
            return new Curve(n, c.expected(), c.sd(), n.stream().map(c::lowerBand).toList(),
                    n.stream().map(c::upperBand).toList());
        }
    }

    public record Trials(int complete, int failed, int pruned) {}

    public record Seeds(int completed, int diverged) {}

    public record Contender(String name, String label, Trials trials, Seeds seeds, Interval objective,
            Interval testAccuracy, Interval testLoss, Curve budgetCurve) {}

    public record Bootstrap(Double estimate, Double lower, Double upper, double confidence, int resamples, long seed,
            int studies, int units) {

        static Bootstrap of(BootstrapInterval b) {
            return b == null ? null : new Bootstrap(num(b.estimate()), num(b.lower()), num(b.upper()), b.confidence(),
                    b.resamples(), b.seed(), b.groups(), b.units());
        }
    }

    /**
     * @param difference the smallest true |Δ| detected with {@code power}
     * @param power its power
     * @param alpha the level it is computed at (α / comparisons)
     * @param sd the observed standard deviation of the test's units it scales
     * @param units the test's units it assumes
     */
    public record Detectable(Double difference, double power, double alpha, Double sd, int units) {}

    /** A paired t-test's figures (test accuracy against the baseline, or a sweep row's test loss). */
    public record Test(int n, Double meanDifference, Double lower, Double upper, Double t, Double pValue,
            Double wilcoxonPValue) {

        static Test of(PairedTest t) {
            return t == null ? null : new Test(t.n(), num(t.meanDifference()), num(t.difference().lower()),
                    num(t.difference().upper()), num(t.t()), num(t.pValue()), num(t.wilcoxonPValue()));
        }
    }

    /**
     * @param contender the contender's name
     * @param studies tuning studies with a paired seed
     * @param pairedSeeds paired seeds over all studies
     * @param testUnits {@code seeds} or {@code studies}: what the t-test is over
     * @param objective the t-test of the objective difference (contender − baseline), over the test units
     * @param pValueHolm its p-value Holm-adjusted over the family
     * @param holmFamily the number of comparisons adjusted together
     * @param bootstrap the two-level percentile bootstrap interval of the mean difference
     * @param effectSizeDz d_z
     * @param detectable the detectable difference at {@code rule.power}
     * @param testAccuracy the paired t-test of the final test accuracy
     * @param claimed whether the verdict claims a difference
     * @param better when a difference is claimed, the name of the side with the lower (better) objective; null else
     * @param sentence the verdict sentence
     */
    public record Comparison(String contender, int studies, int pairedSeeds, String testUnits, Test objective,
            Double pValueHolm, Integer holmFamily, Bootstrap bootstrap, Double effectSizeDz, Detectable detectable,
            Test testAccuracy, boolean claimed, String better, String sentence) {}

    /** A budget at which the ranking changes; names ordered by expected best value, lowest first. */
    public record RankingChange(int n, List<String> before, List<String> after) {}

    public record Budget(List<RankingChange> rankingChanges, String sentence) {}

    public record SweepRow(int batchSize, String contender, Interval testLoss, Interval testAccuracy,
            Test testLossVsBaseline) {}

    /** The verdict of {@code analysis}, the analysis of {@code result}. */
    public static VerdictJson of(ExperimentResult result, ComparisonAnalysis analysis) {
        List<Contender> contenders = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < analysis.contenders().size(); i++) {
            ContenderStats s = analysis.contenders().get(i);
            contenders.add(new Contender(s.name(), s.label(), new Trials(s.completeTrials(), s.failedTrials(),
                    s.prunedTrials()), new Seeds(s.completedSeeds(), s.divergedSeeds()), Interval.of(s.objective()),
                    Interval.of(s.testAccuracy()), Interval.of(s.testLoss()), Curve.of(s.budget())));
            if (i > 0) {
                comparisons.add(comparison(s, result.baseline().name(), analysis.verdicts().get(i - 1)));
            }
        }
        List<ContenderStats> ranked = ComparisonAnalysis.ranked(analysis.contenders());
        List<RankingChange> changes = analysis.rankingChanges().stream().map(c -> new RankingChange(c.budget(),
                c.before().stream().map(k -> ranked.get(k).name()).toList(),
                c.after().stream().map(k -> ranked.get(k).name()).toList())).toList();
        List<SweepRow> sweep = analysis.sweep().stream().map(r -> new SweepRow(r.batchSize(), r.contender(),
                Interval.of(r.testLoss()), Interval.of(r.testAccuracy()), Test.of(r.vsBaseline()))).toList();
        Rule rule = new Rule(PairedVerdict.ALPHA, "holm", PairedVerdict.POWER, MeanInterval.DEFAULT_CONFIDENCE,
                BootstrapInterval.DEFAULT_RESAMPLES, PairedVerdict.BOOTSTRAP_SEED,
                MarkdownReport.claimRule(result.setup().seeds().size()));
        java.util.OptionalDouble target = TimeToTarget.target(result);
        List<Defaults> defaults = result.contenders().stream().filter(c -> !c.defaultRuns().isEmpty())
                .map(c -> new Defaults(c.name(), Interval.of(objective(c.seedRuns())),
                        Interval.of(objective(c.defaultRuns())))).toList();
        return new VerdictJson(analysis.objectiveName(), "minimize", result.baseline().name(), rule, contenders,
                comparisons, new Budget(changes, analysis.budgetSentence()), sweep,
                target.isPresent() ? TimeToTarget.of(result, target.getAsDouble()) : null, defaults);
    }

    private static MeanInterval objective(List<org.lookaheadlab.lab.experiment.SeedRun> runs) {
        return ComparisonAnalysis.interval(runs, org.lookaheadlab.lab.experiment.SeedRun::objective);
    }

    private static Comparison comparison(ContenderStats s, String baseline, String sentence) {
        PairedVerdict v = s.objectiveVerdict();
        if (v == null) {
            return new Comparison(s.name(), 0, 0, null, null, null, null, null, null, null,
                    Test.of(s.accuracyVsBaseline()), false, null, sentence);
        }
        PairedTest t = v.test();
        String better = !v.claimed() ? null : t.meanDifference() < 0 ? s.name() : baseline;
        return new Comparison(s.name(), v.studies(), v.pairs(), v.testUnits(), Test.of(t), num(v.adjustedP()),
                v.family(), Bootstrap.of(v.bootstrap()), num(v.effectSize()),
                new Detectable(num(v.detectableDifference()), PairedVerdict.POWER, v.detectableAlpha(),
                        num(t.difference().sd()), t.n()),
                Test.of(s.accuracyVsBaseline()), v.claimed(), better, sentence);
    }

    /** A finite number, or null. */
    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
