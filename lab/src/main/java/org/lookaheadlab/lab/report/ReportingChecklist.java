package org.lookaheadlab.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ExperimentSetup;
import org.lookaheadlab.lab.experiment.RunEnvironment;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.stats.BootstrapInterval;
import org.lookaheadlab.lab.stats.PairedVerdict;

/**
 * The report's reporting checklist, after Dodge et al. (2019, "Show Your Work", §6): the computing
 * infrastructure, the runtime, the data splits, for the hyperparameter search its bounds, trials, method and
 * selection criterion, the number of tuning studies and seeds, and the statistics behind the verdict. Every
 * entry comes from {@code results.json}; what an older file did not record shows as "not recorded".
 */
final class ReportingChecklist {

    private static final String NOT_RECORDED = "not recorded (results.json from an older version)";

    private ReportingChecklist() {}

    static Table table(ExperimentResult result, ComparisonAnalysis analysis) {
        ExperimentSetup s = result.setup();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("search space and bounds", result.contenders().stream()
                .map(c -> c.name() + ": " + orDash(ReportTables.readableSearch(c.search())))
                .collect(Collectors.joining("; "))));
        rows.add(List.of("hyperparameter search", s.sampler() + " sampler, seed " + s.samplerSeed()
                + (s.trialsPerRound() > 1 ? ", trials in rounds of " + s.trialsPerRound() + " asked together "
                        + "(constant liar) and trained as one batch" : ", one trial at a time")
                + "; every trial from the same initial weights and data order (seed " + s.tuneSeed() + ")"));
        rows.add(List.of("trials per contender", s.trials() + " complete trials (budget); " + analysis.contenders()
                .stream().map(c -> c.name() + " " + c.completeTrials() + " complete / " + c.failedTrials()
                        + " failed / " + c.prunedTrials() + " pruned")
                .collect(Collectors.joining(", "))));
        rows.add(List.of("selection rule", "the lowest " + s.objective() + " among each contender's first "
                + s.trials() + " complete trials (ties: the earlier trial), on the validation data"));
        rows.add(List.of("data and splits", orDash(s.data()) + "; validation: " + orDash(s.validation())));
        int studies = result.contenders().stream().mapToInt(c -> Math.max(1, c.studies().size())).max().orElse(1);
        rows.add(List.of("tuning studies per contender", studies == 1
                ? "1 (the verdict's interval covers seed-to-seed variation, not the luck of the tuning study; "
                        + "--studies S repeats it)"
                : studies + " independent studies (sampler and tuning seeds 0.." + (studies - 1) + "), each best "
                        + "configuration retrained over the verdict seeds: the verdict covers both sources of variance"));
        rows.add(List.of("verdict seeds", s.seeds().size() + " (" + s.seeds().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + "), the same initial weights and data order for every contender"));
        rows.add(List.of("statistics", String.format(Locale.ROOT, "paired t-test (over study means with several"
                + " studies), Holm-adjusted across %d comparison%s, a claim at p < %.2f; Wilcoxon signed-rank check;"
                + " percentile bootstrap (studies, then seeds; %,d replicates, seed %d); d_z; detectable difference at"
                + " %d%% power", Math.max(0, result.contenders().size() - 1),
                result.contenders().size() == 2 ? "" : "s", PairedVerdict.ALPHA,
                BootstrapInterval.DEFAULT_RESAMPLES, PairedVerdict.BOOTSTRAP_SEED,
                Math.round(PairedVerdict.POWER * 100))));
        rows.add(List.of("budget curves", "expected best of n trials drawn with replacement from the complete trials"
                + " (exact, Dodge et al. 2019), n = 1 to the trial count"));
        RunEnvironment env = result.environment();
        rows.add(List.of("hardware", env == null ? NOT_RECORDED : hardware(env)));
        rows.add(List.of("operating system", env == null ? NOT_RECORDED : orDash(env.os())));
        rows.add(List.of("software", env == null ? NOT_RECORDED : "Java " + orDash(env.java()) + ", DJL "
                + orDash(env.djl()) + ", PyTorch " + orDash(env.pytorch())));
        rows.add(List.of("wall time", Format.num(result.wallSeconds()) + " s (tuning + verdict runs); mean verdict"
                + " run " + result.contenders().stream().map(ReportingChecklist::meanRunSeconds)
                        .collect(Collectors.joining(", "))));
        return new Table("Reporting checklist (Dodge et al. 2019)", List.of("item", "value"), rows);
    }

    private static String hardware(RunEnvironment env) {
        String memory = env.memoryBytes() == null ? "" : String.format(Locale.ROOT, ", %.1f GB memory",
                env.memoryBytes() / 1e9);
        String threads = env.engineThreads() == null ? "" : ", " + env.engineThreads() + " engine thread"
                + (env.engineThreads() == 1 ? "" : "s");
        return env.cpuCores() + " cores, " + (env.cpuModel() == null ? "CPU model unknown" : env.cpuModel()) + memory
                + threads;
    }

    private static String meanRunSeconds(ContenderResult c) {
        double mean = c.seedRuns().stream().mapToDouble(SeedRun::trainSeconds).average().orElse(Double.NaN);
        return c.name() + " " + Format.num(mean) + " s";
    }

    private static String orDash(String s) {
        return s == null ? "–" : s;
    }
}
