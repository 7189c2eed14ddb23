package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.CustomContenders;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.ExperimentRunner;
import org.lookaheadlab.lab.experiment.ExperimentSummary;
import org.lookaheadlab.lab.experiment.Presets;
import org.lookaheadlab.lab.experiment.Progress;
import org.lookaheadlab.lab.experiment.Protocol;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.report.ComparisonAnalysis;
import org.lookaheadlab.lab.report.ReportRenderer;
import org.lookaheadlab.lab.suite.SuiteSummary;
import org.lookaheadlab.lab.suite.Suites;
import org.lookaheadlab.lab.suite.Workload;
import org.lookaheadlab.lab.suite.WorkloadOutcome;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.ScheduleSpec;
import org.lookaheadlab.tune.storage.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead compare --preset NAME [overrides]} or {@code ./lookahead compare --contender NAME=SPEC ...
 * [overrides]}: tunes every contender with the same budget, retrains the best configurations over paired seeds and
 * writes the report folder. Custom contenders ({@link CustomContenders}, SPEC in the optimizer spec text of
 * {@link org.lookaheadlab.optim.spec.OptimizerSpec#parse}) replace
 * a preset's contenders, or without a preset run on the defaults of {@link CustomContenders#experiment}. Re-running
 * with the same {@code --out} (or {@code --storage}) resumes: finished trials and verdict runs are not repeated.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        resourceBundle = "org.lookaheadlab.lab.cli.CompareHelpDefaults", // ${bundle:KEY} in the descriptions
        description = "Fair comparison of optimizers: tune each with the same budget, retrain the best over paired "
                + "seeds, report mean ± 95%% CI and a paired test against the first contender. Give a --preset, "
                + "or your own --contender flags (the first is the baseline), or both (contenders replace the "
                + "preset's). --lr-schedule applies to every contender's base optimizer; a cosine anneals over "
                + "each run's total steps. ./lookahead presets lists the presets; --preset NAME --show prints "
                + "what one contains (with any overrides) without running it.",
        footer = {"", "Example:",
            "  ./lookahead compare --contender adam=adam \\",
            "      --contender la='lookahead(adam,k=5,alpha=0.5)' \\",
            "      --search la:lr=1e-4:1e-1:log --epochs 5 --trials 20"})
public final class CompareCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "${bundle:" + CompareHelpDefaults.PRESET_NAMES + "} (listed by ./lookahead presets; "
                    + "add --show to see one); optional with --contender (then: mnist1d, mlp, 5 epochs, batch 100, "
                    + "20 trials, 5 seeds, final-val-loss)")
    String preset;

    @Option(names = "--suite", paramLabel = "NAME|W1,W2,...",
            description = "judge the contenders (yours, or adam and lookahead-adam) on several workloads, each with "
                    + "its own protocol, then summarise: a suite (small = mlp, cnn, gru, nqm) or workload names; "
                    + "each workload in DIR/<workload>, the summary and performance profiles in DIR/results.json")
    String suite;

    @Option(names = "--show", description = "print what would run (data, model, protocol, each contender's SPEC and "
            + "search space, with every override applied) and exit without running")
    boolean show;

    @Option(names = "--eval-weights", description = "evaluate every contender that keeps evaluation weights "
            + "(Lookahead's slow weights, an EMA/SWA average, schedule-free's x) on them, in tuning and verdict runs "
            + "(the averaging preset does so already)")
    boolean evalWeights;

    @Option(names = "--contender", paramLabel = "NAME=SPEC",
            description = "repeatable; a contender of your own (replaces the preset's; the first is the baseline). "
                    + "SPEC: an optimizer (adam, sgd(momentum=0.9), ranger, ...) optionally wrapped: "
                    + "lookahead(SPEC,k=5,alpha=0.5), trajectory-lookahead(SPEC,k=5,m=3,alpha=1), "
                    + "wtlr(SPEC) (WeightTrajectoryLR, beta searched)")
    List<String> contenders = new ArrayList<>();

    @Option(names = "--search", paramLabel = "NAME:SPACE",
            description = "repeatable; search space of contender NAME, e.g. la:lr=1e-5:1e-1:log,beta=0:1 (default: "
                    + "lr=1e-5:1e-1:log, plus beta=0:1 with wtlr)")
    List<String> searches = new ArrayList<>();

    @Option(names = "--model", paramLabel = "NAME",
            description = "override the model: mlp[:H1,H2,...], mnist1d-mlp, cnn, gru, logistic")
    String model;

    @Option(names = "--objective", paramLabel = "NAME", description = "override the objective: final-val-loss or "
            + "min-val-loss")
    String objective;

    @Option(names = "--trials", paramLabel = "N", description = "COMPLETE tuning trials per contender (default: the "
            + "preset's: ${bundle:" + CompareHelpDefaults.TRIALS + "})")
    Integer trials;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs per training run (default: the preset's: "
            + "${bundle:" + CompareHelpDefaults.EPOCHS + "})")
    Integer epochs;

    @Option(names = "--seeds", paramLabel = "N", description = "verdict seeds (default: the preset's: "
            + "${bundle:" + CompareHelpDefaults.SEEDS + "})")
    Integer seeds;

    @Option(names = "--studies", paramLabel = "S", description = "independent tuning studies per contender (sampler "
            + "and tuning seeds 0..S-1), each best configuration retrained over the verdict seeds; the verdict then "
            + "covers the luck of the tuning study too (default 1)")
    Integer studies;

    @Option(names = "--eval-every", paramLabel = "N", description = "also evaluate every verdict run every N "
            + "optimizer steps (finer curves and time to target; tuning trials are still evaluated once per epoch) "
            + "(default: once per epoch)")
    Integer evalEvery;

    @Option(names = "--target", paramLabel = "V", description = "validation loss of the time-to-target view "
            + "(default: the baseline's median final validation loss)")
    Double target;

    /** {@code --lr-schedule} and its flags, applied to every contender's base optimizer. */
    @Mixin
    ScheduleOptions scheduleOptions = new ScheduleOptions();

    @Option(names = "--batch-size", paramLabel = "N", description = "batch size of tuning and verdict runs (default: "
            + "the preset's: ${bundle:" + CompareHelpDefaults.BATCH_SIZE + "})")
    Integer batchSize;

    @Option(names = "--batch-sizes", paramLabel = "B1,B2,...",
            description = "also retrain each best configuration at these batch sizes, e.g. 32,64,128")
    String batchSizes;

    @Option(names = "--sampler", paramLabel = "NAME", description = "tpe (default) or random")
    String sampler;

    @Option(names = "--sampler-seed", paramLabel = "S", description = "seed of every contender's sampler")
    Long samplerSeed;

    @Option(names = "--pruner", paramLabel = "NAME", description = "none (default) or median")
    String pruner;

    /** {@code --data}, {@code --val-split}, {@code --num-classes}: override the preset's data. */
    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--storage", paramLabel = "URL",
            description = "study storage: sqlite:FILE or postgresql://... (default sqlite:<out>/studies.db)")
    String storage;

    @Option(names = "--out", paramLabel = "DIR",
            description = "run folder (default runs/<preset or custom>-<timestamp>)")
    Path out;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @Option(names = "--rerun-killed", paramLabel = "N", description = "on resume, rerun a tuning trial that was "
            + "running when compare was killed under its own number up to N times, then fail it (default: "
            + ExperimentRunner.DEFAULT_RERUN_KILLED + ")")
    Integer rerunKilled;

    /** {@code --threads}. */
    @Mixin
    EngineThreadsOption engineThreads = new EngineThreadsOption();

    /** {@code --jobs}. */
    @Mixin
    JobsOption jobsOption = new JobsOption();

    /** {@code --batch-runs}. */
    @Mixin
    BatchRunsOption batchRunsOption = new BatchRunsOption();

    @Override
    public Integer call() {
        try {
            rerunKilled();
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        }
        if (suite != null) {
            return callSuite();
        }
        Experiment experiment;
        Path runDir;
        String url;
        try {
            experiment = configure();
            jobsOption.check();
            batchRunsOption.check();
            if (show) {
                ExperimentSummary.lines(experiment).forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getOut().flush();
                return 0;
            }
            runDir = out != null ? out : Path.of("runs", (preset != null ? preset : experiment.name()) + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
            url = storage != null ? storage : "sqlite:" + runDir.resolve("studies.db");
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            long t0 = System.nanoTime();
            int jobs = jobsOption.resolve(engineThreads.configure(experiment.model().name()));
            ComparisonRun.Done done = ComparisonRun.run(experiment, runDir, url,
                    quiet ? Progress.SILENT : Progress.console(), jobs, batchRunsOption.resolve(experiment.model()), rerunKilled());
            done.analysis().verdicts().forEach(stdout::println);
            ComparisonAnalysis.selectionCaveat(done.result().setup()).ifPresent(stdout::println);
            stdout.flush();
            try {
                ReportRenderer.renderReport(done.result(), done.analysis(), runDir);
            } catch (UncheckedIOException e) {
                return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage() + "; the results are "
                        + "complete in " + runDir.resolve(ResultsJson.FILE_NAME) + ": render the report again with "
                        + "./lookahead report " + runDir);
            }
            stdout.println("report: " + runDir.resolve("report.html"));
            stdout.printf(Locale.ROOT, "wall_seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
            stdout.flush();
            return 0;
        } catch (RunFolderLock.InUse e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage());
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        } catch (Exception e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** {@code --suite}: every workload through {@link SuiteRun}, then the summary. */
    private Integer callSuite() {
        List<Workload> workloads;
        List<Contender> suiteContenders;
        try {
            refuseWithSuite();
            workloads = Suites.resolve(suite);
            suiteContenders = contenders.isEmpty() ? Suites.defaultContenders()
                    : CustomContenders.parse(contenders, searches);
            if (contenders.isEmpty() && !searches.isEmpty()) {
                throw new IllegalArgumentException("--search needs --contender flags, accepted: --search NAME:SPACE "
                        + "for a contender given as --contender NAME=SPEC");
            }
            for (Workload w : workloads) { // every override is checked on every workload before anything runs
                Experiment e = applyOverrides(w.experiment(suiteContenders));
                if (show) {
                    spec.commandLine().getOut().println("== workload " + w.name() + " (" + w.description() + ")");
                    ExperimentSummary.lines(e).forEach(spec.commandLine().getOut()::println);
                }
            }
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (show) {
            stdout.flush();
            return 0;
        }
        long t0 = System.nanoTime();
        Path dir = out != null ? out : Path.of("runs", "suite-" + suite.replace(',', '-') + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, "cannot create " + dir + ": " + e.getMessage());
        }
        SuiteSummary summary = SuiteRun.run(suite, workloads, suiteContenders, this::applyOverrides, dir,
                engineThreads, jobsOption, batchRunsOption, rerunKilled(), quiet, stdout);
        summary.lines().forEach(stdout::println);
        stdout.println("summary: " + dir.resolve(SuiteSummary.FILE_NAME));
        stdout.printf(Locale.ROOT, "wall_seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
        stdout.flush();
        return summary.outcomes().stream().anyMatch(WorkloadOutcome::ok) ? 0 : CommandErrors.FAILURE;
    }

    /** The flags that name one workload's data, model or storage: each workload has its own. */
    private void refuseWithSuite() {
        List<String> given = new ArrayList<>();
        if (preset != null) {
            given.add("--preset");
        }
        if (model != null) {
            given.add("--model");
        }
        if (dataOptions.given()) {
            given.add("--data/--val-split/--num-classes");
        }
        if (target != null) {
            given.add("--target");
        }
        if (storage != null) {
            given.add("--storage");
        }
        if (batchSizes != null) {
            given.add("--batch-sizes");
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + " cannot be combined with --suite (every "
                    + "workload has its own data, model, target and storage), accepted with --suite: --contender, "
                    + "--search, --trials, --epochs, --seeds, --studies, --eval-every, --batch-size, --sampler, "
                    + "--sampler-seed, --pruner, --objective, --lr-schedule, --eval-weights, --batch-runs, --tune-batch, "
                    + "--jobs, --out, --quiet, --show");
        }
    }

    /**
     * The storage URL as the report shows it: a password in the user part ({@code //user:pw@host}) or in the
     * query ({@code ?password=pw}) is replaced by {@code ***} ({@link Storages#redact}).
     */
    static String storageLabel(String url) {
        return Storages.redact(url);
    }

    /**
     * The preset, or the custom comparison's defaults without one; given {@code --contender} flags replace its
     * contenders.
     */
    private Experiment base() {
        if (preset == null && contenders.isEmpty()) {
            throw new IllegalArgumentException("no comparison given, accepted: --preset NAME and/or --contender "
                    + "NAME=SPEC (repeatable)");
        }
        if (preset == null) {
            return CustomContenders.experiment(CustomContenders.parse(contenders, searches));
        }
        Experiment e = Presets.get(preset);
        if (!contenders.isEmpty()) {
            return e.withContenders(CustomContenders.parse(contenders, searches));
        }
        if (!searches.isEmpty()) {
            throw new IllegalArgumentException("--search needs --contender flags, accepted: --search NAME:SPACE "
                    + "for a contender given as --contender NAME=SPEC");
        }
        return e;
    }

    /** The preset (or custom comparison) with every given override applied (validated by the records). */
    Experiment configure() {
        Experiment e = applyOverrides(base());
        return dataOptions.given() ? e.withData(dataOptions.over(e.data())) : e; // the preset's, unless given
    }

    /** {@code e} with every given protocol, model, schedule and evaluation-weights override applied. */
    Experiment applyOverrides(Experiment e) {
        Protocol p = e.protocol();
        if (trials != null) {
            p = p.withTrials(trials);
        }
        if (epochs != null) {
            p = p.withEpochs(epochs);
        }
        if (seeds != null) {
            p = p.withSeeds(seeds);
        }
        if (studies != null) {
            p = p.withStudies(studies);
        }
        if (evalEvery != null) {
            p = p.withEvalEvery(evalEvery);
        }
        if (target != null) {
            p = p.withTarget(target);
        }
        if (batchSize != null) {
            p = p.withBatchSize(batchSize);
        }
        if (batchSizes != null) {
            p = p.withBatchSizes(parseBatchSizes(batchSizes));
        }
        if (sampler != null || samplerSeed != null) {
            p = p.withSampler(sampler != null ? sampler : p.sampler(), samplerSeed != null ? samplerSeed : p.samplerSeed());
        }
        if (pruner != null) {
            p = p.withTuneBatch(1).withPruner(pruner);
        }
        if (objective != null) {
            p = p.withObjective(ObjectiveMetric.parse(objective));
        }
        e = e.withProtocol(p);
        if (model != null) {
            e = e.withModel(ModelSpec.parse(model));
        }
        // part of every contender's OptimizerSpec, hence of its study fingerprint; the horizon stays "the run"
        ScheduleSpec schedule = scheduleOptions.schedule();
        if (schedule != null) {
            try {
                e = e.withSchedule(schedule);
            } catch (IllegalArgumentException ex) { // e.g. a final lr above the low end of a contender's lr range
                throw ScheduleOptions.inFlagWords(ex);
            }
        }
        if (evalWeights) {
            e = e.onEvaluationWeights();
        }
        return batchRunsOption.withTuneBatch(e); // after the model: the default width depends on it
    }

    static List<Integer> parseBatchSizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                sizes.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("batch-sizes entry '" + part.trim()
                        + "' is not an integer, accepted form: 32,64,128");
            }
        }
        return sizes;
    }

    /** {@code --rerun-killed}, checked. */
    private int rerunKilled() {
        if (rerunKilled != null && rerunKilled < 0) {
            throw new IllegalArgumentException("--rerun-killed is " + rerunKilled + ", accepted range: >= 0");
        }
        return rerunKilled == null ? ExperimentRunner.DEFAULT_RERUN_KILLED : rerunKilled;
    }
}
