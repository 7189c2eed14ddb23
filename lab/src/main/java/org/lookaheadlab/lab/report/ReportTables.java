package org.lookaheadlab.lab.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ExperimentSetup;
import org.lookaheadlab.lab.experiment.SearchSpace;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.stats.BootstrapInterval;
import org.lookaheadlab.lab.stats.MeanInterval;
import org.lookaheadlab.lab.stats.PairedTest;
import org.lookaheadlab.lab.stats.PairedVerdict;

/**
 * The report's tables: protocol, best parameters, confidence intervals, paired tests, budget curves, the sweep
 * and the reporting checklist ({@link ReportingChecklist}).
 */
final class ReportTables {

    private ReportTables() {}

    /** One table row; a missing value (e.g. a field absent from an older results.json) shows as "–". */
    private static List<String> row(String... cells) {
        return Arrays.stream(cells).map(c -> c == null ? "–" : c).toList();
    }

    static Table protocol(ExperimentResult result) {
        ExperimentSetup s = result.setup();
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("experiment", s.name()));
        rows.add(row("preset", s.preset()));
        rows.add(row("data", s.data()));
        rows.add(row("validation", s.validation()));
        rows.add(row("model", s.model()));
        rows.add(row("epochs", String.valueOf(s.epochs())));
        rows.add(row("batch size", String.valueOf(s.batchSize())));
        rows.add(row("lr schedule (base optimizer of every contender)", s.lrSchedule() == null ? null
                : s.lrSchedule().replace("steps=run", "steps=total steps of each run")));
        rows.add(row("objective", s.objective()));
        rows.add(row("complete trials per contender", String.valueOf(s.trials())));
        rows.add(row("sampler", s.sampler() + " (seed " + s.samplerSeed() + ")" + (s.trialsPerRound() > 1
                ? "; trials asked and trained in rounds of " + s.trialsPerRound() + " (constant liar, no pruning)"
                : "")));
        rows.add(row("tuning init/data seed", String.valueOf(s.tuneSeed())));
        rows.add(row("verdict seeds", s.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        if (!s.batchSizes().isEmpty()) {
            rows.add(row("batch-size sweep",
                    s.batchSizes().stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        rows.add(row("storage", s.storage()));
        rows.add(row("started", toSeconds(result.startedAt())));
        rows.add(row("wall time (tuning + verdict runs)", Format.num(result.wallSeconds()) + " s"));
        return new Table("Protocol", List.of("setting", "value"), rows);
    }

    /** An ISO-8601 instant cut to whole seconds ("2026-11-28T19:00:11Z"); any other text unchanged. */
    static String toSeconds(String instant) {
        if (instant == null) {
            return "–";
        }
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    static Table bestParams(ExperimentResult result, ComparisonAnalysis analysis) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < result.contenders().size(); i++) {
            ContenderResult c = result.contenders().get(i);
            ContenderStats s = analysis.contenders().get(i);
            String params = new TreeMap<>(c.bestParams()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + Format.num(e.getValue())).collect(Collectors.joining(", "));
            rows.add(row(c.name(), c.label(), c.study(), readableSearch(c.search()), params.isEmpty() ? "–" : params,
                    Format.num(c.bestValue()),
                    s.completeTrials() + " / " + s.failedTrials() + " / " + s.prunedTrials()));
        }
        return new Table("Best configuration per contender (tuning)",
                List.of("contender", "optimizer", "study", "search space", "best params", "best " + analysis.objectiveName(),
                        "trials complete / fail / pruned"), rows);
    }

    /** A recorded search space ({@code lr=1.0E-5:0.1:log}) as {@code lr ∈ [1e-5, 0.1] log}; other text as it is. */
    static String readableSearch(String flagForm) {
        if (flagForm == null) {
            return null;
        }
        try {
            return SearchSpace.parse(flagForm).readable();
        } catch (IllegalArgumentException e) {
            return flagForm;
        }
    }

    static Table intervals(ComparisonAnalysis analysis) {
        List<List<String>> rows = new ArrayList<>();
        for (ContenderStats s : analysis.contenders()) {
            rows.add(row(s.name(), Format.ci(s.objective()), Format.ci(s.testAccuracy()),
                    Format.ci(s.testLoss()), s.completedSeeds() + " / " + s.divergedSeeds()));
        }
        return new Table("Verdict runs: mean ± 95% CI (Student t) over seeds",
                List.of("contender", analysis.objectiveName(), "test accuracy", "test loss",
                        "seeds completed / diverged"), rows);
    }

    static Table pairedTests(ComparisonAnalysis analysis) {
        List<List<String>> rows = new ArrayList<>();
        String baseline = analysis.contenders().get(0).name();
        for (ContenderStats s : analysis.contenders().subList(1, analysis.contenders().size())) {
            PairedVerdict v = s.objectiveVerdict();
            PairedTest o = s.objectiveVsBaseline();
            PairedTest a = s.accuracyVsBaseline();
            BootstrapInterval boot = v == null ? null : v.bootstrap();
            rows.add(row(s.name() + " vs " + baseline,
                    v == null ? "0" : String.valueOf(v.pairs()),
                    v == null ? "–" : String.valueOf(v.studies()),
                    o == null ? "–" : Format.num(o.meanDifference()),
                    o == null || Double.isNaN(o.difference().halfWidth()) ? "–"
                            : interval(o.difference().lower(), o.difference().upper()),
                    boot == null ? "–" : interval(boot.lower(), boot.upper()),
                    v == null ? "–" : Format.num(v.effectSize()),
                    o == null ? "–" : Format.p(o.pValue()),
                    Format.p(s.adjustedP()),
                    o == null ? "–" : Format.p(o.wilcoxonPValue()),
                    v == null ? "–" : Format.num(v.detectableDifference()),
                    a == null ? "–" : Format.num(a.meanDifference()),
                    a == null ? "–" : Format.p(a.pValue())));
        }
        return new Table("Paired tests against the baseline (difference = contender − baseline)",
                List.of("comparison", "paired seeds", "tuning studies", "Δ " + analysis.objectiveName(),
                        "95% CI (t)", "95% CI (bootstrap)", "d_z", "p (t-test)", "p (Holm-adjusted)", "p (Wilcoxon)",
                        "detectable |Δ| (80% power)", "Δ test accuracy", "p (paired t, accuracy)"), rows);
    }

    private static String interval(double lower, double upper) {
        return "[" + Format.num(lower) + ", " + Format.num(upper) + "]";
    }

    /** The budgets a budget table shows: 1, 2, 5, 10, 20, 50, … up to the largest, and the largest itself. */
    static List<Integer> budgetColumns(int largest) {
        List<Integer> out = new ArrayList<>();
        for (int decade = 1; decade <= largest; decade *= 10) {
            for (int step : new int[] {1, 2, 5}) {
                if (step * decade < largest) {
                    out.add(step * decade);
                }
            }
        }
        out.add(largest);
        return out;
    }

    /** Expected best objective ± sd after n trials, at a few budgets; null when no contender has a curve. */
    static Table budget(ComparisonAnalysis analysis) {
        List<ContenderStats> ranked = ComparisonAnalysis.ranked(analysis.contenders());
        if (ranked.isEmpty()) {
            return null;
        }
        List<Integer> budgets = budgetColumns(ranked.stream().mapToInt(s -> s.budget().trials()).max().orElseThrow());
        List<List<String>> rows = new ArrayList<>();
        for (ContenderStats s : ranked) {
            List<String> cells = new ArrayList<>(List.of(s.name()));
            for (int n : budgets) {
                cells.add(n > s.budget().trials() ? "–"
                        : Format.num(s.budget().expectedAt(n)) + " ± " + Format.num(s.budget().sd().get(n - 1)));
            }
            rows.add(cells);
        }
        List<String> header = new ArrayList<>(List.of("contender"));
        budgets.forEach(n -> header.add("n = " + n));
        return new Table("Budget curves: expected best " + analysis.objectiveName() + " ± sd after n tuning trials"
                + " (Dodge et al. 2019)", header, rows);
    }

    /**
     * Sweep table: per batch size and contender, final test loss and accuracy (mean ± 95% CI over seeds) and the
     * paired t-test of the test loss against the baseline at the same batch size.
     */
    static Table sweep(ComparisonAnalysis analysis) {
        List<List<String>> rows = new ArrayList<>();
        for (ComparisonAnalysis.SweepRow r : analysis.sweep()) {
            rows.add(row(String.valueOf(r.batchSize()), r.contender(), Format.ci(r.testLoss()),
                    Format.ci(r.testAccuracy()),
                    r.vsBaseline() == null ? "–" : Format.num(r.vsBaseline().meanDifference()),
                    r.vsBaseline() == null ? "–" : Format.p(r.vsBaseline().pValue())));
        }
        return new Table("Batch-size sweep: best configurations retrained at each batch size",
                List.of("batch size", "contender", "test loss", "test accuracy", "Δ test loss vs baseline",
                        "p (paired t)"), rows);
    }

    /**
     * Each contender tuned and at its own (library-default) values of the tuned hyperparameters, over the same
     * verdict seeds: what tuning bought; null when no result has default runs (results of older versions).
     */
    static Table tunedVersusDefaults(ExperimentResult result) {
        if (result.contenders().stream().allMatch(c -> c.defaultRuns().isEmpty())) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ContenderResult c : result.contenders()) {
            rows.add(row(c.name(), Format.ci(objective(c.seedRuns())), Format.ci(objective(c.defaultRuns())),
                    c.defaultRuns().stream().filter(r -> !r.completed()).count() + " of " + c.defaultRuns().size()));
        }
        return new Table("Tuned vs library defaults: " + result.setup().objective() + ", mean ± 95% CI over the "
                + "verdict seeds", List.of("contender", "tuned (best trial)", "defaults (no tuning)",
                        "default runs diverged"), rows);
    }

    /**
     * With several tuning studies per contender: each study's best configuration (its lr or other values) and that
     * configuration's mean objective over the verdict seeds, and the spread of those means; null with one study.
     */
    static Table studySpread(ExperimentResult result) {
        if (result.contenders().stream().allMatch(c -> c.studies().size() < 2)) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ContenderResult c : result.contenders()) {
            List<String> means = new ArrayList<>();
            double[] values = c.studies().stream().mapToDouble(st -> {
                MeanInterval m = objective(st.seedRuns());
                return m == null ? Double.NaN : m.mean();
            }).toArray();
            for (int s = 0; s < c.studies().size(); s++) {
                means.add(Format.num(values[s]) + " (" + readableParams(c.studies().get(s).bestParams()) + ")");
            }
            double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
            String spread = finite.length < 2 ? "–" : Format.num(java.util.Arrays.stream(finite).max().getAsDouble()
                    - java.util.Arrays.stream(finite).min().getAsDouble());
            rows.add(row(c.name(), String.join("; ", means), spread));
        }
        return new Table("Tuning studies: each study's best configuration, mean " + result.setup().objective()
                + " over the verdict seeds", List.of("contender", "per study: mean (best values)", "max − min"), rows);
    }

    private static String readableParams(java.util.Map<String, Double> params) {
        return params.isEmpty() ? "no complete trial" : params.entrySet().stream()
                .map(e -> e.getKey() + " = " + Format.num(e.getValue())).collect(Collectors.joining(", "));
    }

    /** Time to the baseline's median final validation loss ({@link TimeToTarget}); null without baseline runs. */
    static Table timeToTarget(ExperimentResult result) {
        java.util.OptionalDouble target = TimeToTarget.target(result);
        if (target.isEmpty()) {
            return null;
        }
        TimeToTarget t = TimeToTarget.of(result, target.getAsDouble());
        List<List<String>> rows = new ArrayList<>();
        for (TimeToTarget.Summary s : t.contenders()) {
            rows.add(row(s.name(), s.reached() + " of " + s.runs(), Format.num(s.medianSteps()),
                    Format.num(s.medianSeconds())));
        }
        return new Table("Time to target: first evaluation with validation loss ≤ " + Format.num(t.target())
                + (result.setup().target() != null ? " (--target)" : " (the baseline's median final validation loss)")
                + ", verdict runs",
                List.of("contender", "runs reaching it", "median steps", "median train seconds"), rows);
    }

    private static MeanInterval objective(List<SeedRun> runs) {
        return ComparisonAnalysis.interval(runs, SeedRun::objective);
    }

    static Map<String, Table> all(ExperimentResult result, ComparisonAnalysis analysis) {
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put("protocol", protocol(result));
        tables.put("best", bestParams(result, analysis));
        tables.put("ci", intervals(analysis));
        if (analysis.contenders().size() > 1) {
            tables.put("tests", pairedTests(analysis));
        }
        Table budget = budget(analysis);
        if (budget != null) {
            tables.put("budget", budget);
        }
        if (!result.setup().batchSizes().isEmpty()) {
            tables.put("sweep", sweep(analysis));
        }
        Table spread = studySpread(result);
        if (spread != null) {
            tables.put("studies", spread);
        }
        Table ttt = timeToTarget(result);
        if (ttt != null) {
            tables.put("time-to-target", ttt);
        }
        Table defaults = tunedVersusDefaults(result);
        if (defaults != null) {
            tables.put("defaults", defaults);
        }
        tables.put("checklist", ReportingChecklist.table(result, analysis));
        return tables;
    }
}
