package org.lookaheadlab.lab.experiment;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.model.InitialWeights;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.storage.Storage;

/**
 * Runs a comparison and writes its report.
 *
 * <ol>
 *   <li><b>Tune</b> every contender in its own study {@code <experiment>/<contender>} of the given storage, with
 *       the same sampler and sampler seed, until the study holds {@code trials} COMPLETE trials (trials of an
 *       earlier, killed run count, so a restart only runs what is missing). Every trial trains from the same
 *       initial weights and data order (seed {@code tuneSeed}); its value is the protocol's objective; a diverged
 *       run fails its trial (the study goes on); with the median pruner, pruned trials do not count either (a
 *       run that reached its last epoch is never pruned). The loop is {@link Tuning}'s, shared with {@code tune};
 *       at most {@code 3·trials + 10} trials start in one run, so a contender whose every configuration diverges
 *       cannot loop forever.
 *   <li><b>Verdict</b>: retrain each contender's best configuration — the best of its first {@code trials} COMPLETE
 *       trials ({@link #withinBudget}), so every contender is judged on the same budget even when its study holds
 *       more — once per verdict seed
 *       ({@link Protocol#seedList()}, never the tuning seed; a seed fixes initial weights and data order, the same
 *       for every contender) and, with a sweep, at every extra batch size. Finished runs are cached in the run folder and reused on restart.
 *   <li><b>Report</b>: {@link org.lookaheadlab.lab.report.ReportRenderer} renders the run folder.
 * </ol>
 * Training runs one at a time in this JVM (DJL allows one gradient collector per JVM).
 */
public final class ExperimentRunner {

    private final Experiment experiment;
    private final DataSplits data;
    private final Storage storage;
    private final String storageLabel;
    private final Path runDir;
    private final Progress progress;
    private final FairTrainer trainer = new FairTrainer();

    /** Heartbeat interval of a running tuning trial. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** Age of the last heartbeat after which a RUNNING trial counts as dead. */
    static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * @param experiment what to compare
     * @param data the experiment's data, already loaded
     * @param storage where the studies live (kept open by the caller)
     * @param storageLabel the storage URL for the report (no password)
     * @param runDir the run folder
     * @param progress progress display
     */
    public ExperimentRunner(Experiment experiment, DataSplits data, Storage storage, String storageLabel,
            Path runDir, Progress progress) {
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.data = Objects.requireNonNull(data, "data");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.storageLabel = storageLabel;
        this.runDir = Objects.requireNonNull(runDir, "runDir");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Tunes, retrains and returns the result (the caller renders the report). */
    public ExperimentResult run() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Protocol p = experiment.protocol();
        List<Study> studies = new ArrayList<>();
        for (Contender c : experiment.contenders()) {
            studies.add(tune(c, 0));
        }
        List<List<Study>> moreStudies = new ArrayList<>(); // studies 1..S-1, after every contender's first
        for (Contender c : experiment.contenders()) {
            moreStudies.add(java.util.stream.IntStream.range(1, p.studies()).mapToObj(s -> tune(c, s)).toList());
        }
        List<ContenderResult> results = new ArrayList<>();
        SeedRunCache cache = new SeedRunCache(runDir);
        // tuned (every study), sweep, defaults
        int runsPerContender = p.seeds() * (p.studies() + 1 + extraBatchSizes().size());
        progress.begin("verdict runs", (long) runsPerContender * experiment.contenders().size());
        try {
            for (int i = 0; i < experiment.contenders().size(); i++) {
                Contender c = experiment.contenders().get(i);
                ContenderResult r = verdict(c, studies.get(i), cache);
                if (p.studies() > 1) {
                    List<StudyResult> all = new ArrayList<>();
                    all.add(new StudyResult(r.study(), r.bestParams(), r.bestValue(), r.seedRuns()));
                    for (int s = 1; s < p.studies(); s++) {
                        all.add(studyResult(c, moreStudies.get(i).get(s - 1), s, cache));
                    }
                    r = r.withStudies(all);
                }
                results.add(r);
            }
        } finally {
            progress.end();
        }
        String validation = data.hasValidation()
                ? "held out from the training data (" + data.validation().size() + " rows)"
                : "none: the test split serves as validation (as in the seed experiments)";
        ExperimentSetup setup = new ExperimentSetup(experiment.name(), experiment.preset(), experiment.data().label(),
                validation, describe(experiment.model()), p.epochs(), p.batchSize(), p.objective().cliName(), p.trials(),
                p.sampler(), p.samplerSeed(), p.tuneSeed(), p.seedList(), batchSizesForReport(), storageLabel,
                experiment.scheduleDescription(), p.target());
        return new ExperimentResult(setup, results, started.toString(), (System.nanoTime() - t0) / 1e9,
                RunEnvironment.current());
    }

    private List<Integer> batchSizesForReport() {
        if (experiment.protocol().batchSizes().isEmpty()) {
            return List.of();
        }
        List<Integer> all = new ArrayList<>(experiment.protocol().batchSizes());
        if (!all.contains(experiment.protocol().batchSize())) {
            all.add(experiment.protocol().batchSize());
        }
        return all.stream().sorted().toList();
    }

    private List<Integer> extraBatchSizes() {
        return experiment.protocol().batchSizes().stream().distinct()
                .filter(b -> b != experiment.protocol().batchSize()).toList();
    }

    static String describe(ModelSpec model) {
        if (!model.name().equals("mlp")) {
            return model.name();
        }
        StringBuilder b = new StringBuilder("mlp(");
        int[] h = model.hiddenSizes();
        for (int i = 0; i < h.length; i++) {
            b.append(i == 0 ? "" : ",").append(h[i]);
        }
        return b.append(')').toString();
    }

    /**
     * Opens (or creates) the contender's study with the protocol's sampler and pruner ({@link Tuning#study}: a
     * trial left RUNNING by a killed compare — its process gone, or, on another machine, its heartbeat, sent
     * every {@link #HEARTBEAT}, older than {@link #GRACE} — reruns first under its own number, so a resume
     * changes nothing).
     */
    Study openStudy(Contender c) {
        return openStudy(c, 0);
    }

    /** Study {@code s} of contender {@code c} (its own sampler seed and tuning seed, {@link Protocol#studies}). */
    Study openStudy(Contender c, int s) {
        Protocol p = experiment.protocol();
        return Tuning.study(experiment.studyName(c, s), p.sampler(), p.samplerSeed(s), p.pruner(), storage)
                .heartbeatInterval(HEARTBEAT).gracePeriod(GRACE).build();
    }

    private Study tune(Contender c, int s) {
        Protocol p = experiment.protocol();
        Study study = openStudy(c, s);
        int target = p.trials();
        int complete = study.trials(TrialState.COMPLETE).size();
        progress.begin("tune " + c.name() + (p.studies() > 1 ? " study " + (s + 1) + "/" + p.studies() : ""), target);
        progress.skip(Math.min(complete, target), Math.min(complete, target) + " complete trials from an earlier run");
        byte[] weights = initialWeights(p.tuneSeed(s));
        Tuning tuning = new Tuning(experiment.studyProtocol(c, s), c.search(),
                values -> experiment.run(c, values, p.batchSize(), p.tuneSeed(s)).initialWeights(weights).build(),
                data, p.objective(), new Tuning.Listener() {
                    @Override
                    public void completed(int number, Map<String, Double> values, double value) {
                        progress.step(String.format(Locale.ROOT, "trial %d: %.4g", number, value));
                    }

                    @Override
                    public void pruned(int number, Map<String, Double> values, String why) {
                        progress.note("trial " + number + ": PRUNED (" + why + ")");
                    }

                    @Override
                    public void diverged(int number, Map<String, Double> values, String why) {
                        progress.note("trial " + number + ": FAIL (" + why + ")");
                    }
                });
        try {
            tuning.run(study, target, 3 * target + 10);
        } finally {
            progress.end();
        }
        return study;
    }

    private byte[] initialWeights(long seed) {
        return InitialWeights.snapshot(experiment.model(), data.train().sampleShape(), data.train().numClasses(),
                seed, DataType.FLOAT32);
    }

    /** A further study's best configuration over the verdict seeds (no sweep, no default runs: those are study 0's). */
    private StudyResult studyResult(Contender c, Study study, int s, SeedRunCache cache) {
        List<FrozenTrial> complete = withinBudget(study.trials(), experiment.protocol().trials()).stream()
                .filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (complete.isEmpty()) {
            progress.skip(experiment.protocol().seeds(), c.name() + " " + study.name() + ": no complete trial");
            return new StudyResult(study.name(), Map.of(), null, List.of());
        }
        FrozenTrial best = best(complete);
        Map<String, Double> params = numericParams(best);
        List<SeedRun> runs = new ArrayList<>();
        for (long seed : experiment.protocol().seedList()) {
            runs.add(seedRun(c, c.name() + "#study" + s, study.name(), params, seed, experiment.protocol().batchSize(),
                    cache));
        }
        return new StudyResult(study.name(), params, best.value(), runs);
    }

    private ContenderResult verdict(Contender c, Study study, SeedRunCache cache) {
        List<FrozenTrial> budget = withinBudget(study.trials(), experiment.protocol().trials());
        List<TrialRecord> trials = budget.stream().map(ExperimentRunner::record).toList();
        List<FrozenTrial> complete = budget.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (complete.isEmpty()) {
            progress.skip(experiment.protocol().seeds() * (1L + extraBatchSizes().size()),
                    c.name() + ": no complete trial, nothing to retrain");
            return new ContenderResult(c.name(), c.label(), study.name(), c.search().toString(), trials, Map.of(),
                    null, List.of(), List.of(), defaultRuns(c, study.name(), cache));
        }
        FrozenTrial best = best(complete);
        Map<String, Double> params = numericParams(best);
        List<SeedRun> seedRuns = new ArrayList<>();
        List<SeedRun> sweepRuns = new ArrayList<>();
        for (long seed : experiment.protocol().seedList()) {
            seedRuns.add(seedRun(c, study.name(), params, seed, experiment.protocol().batchSize(), cache));
        }
        for (int bs : extraBatchSizes()) {
            for (long seed : experiment.protocol().seedList()) {
                sweepRuns.add(seedRun(c, study.name(), params, seed, bs, cache));
            }
        }
        return new ContenderResult(c.name(), c.label(), study.name(), c.search().toString(), trials, params,
                best.value(), seedRuns, sweepRuns, defaultRuns(c, study.name(), cache));
    }

    /**
     * The contender at its own values of the tuned hyperparameters (the library defaults, e.g. Adam's lr 1e-3),
     * once per verdict seed at the protocol's batch size: the untuned baseline of every contender.
     */
    private List<SeedRun> defaultRuns(Contender c, String study, SeedRunCache cache) {
        List<SeedRun> runs = new ArrayList<>();
        for (long seed : experiment.protocol().seedList()) {
            runs.add(seedRun(c, c.name() + DEFAULTS, study, Map.of(), seed, experiment.protocol().batchSize(), cache));
        }
        return runs;
    }

    /** The cache key suffix of a contender's default runs. */
    static final String DEFAULTS = "@defaults";

    private SeedRun seedRun(Contender c, String study, Map<String, Double> params, long seed, int batchSize,
            SeedRunCache cache) {
        return seedRun(c, c.name(), study, params, seed, batchSize, cache);
    }

    private SeedRun seedRun(Contender c, String key, String study, Map<String, Double> params, long seed,
            int batchSize, SeedRunCache cache) {
        int every = experiment.protocol().evalEvery();
        key = every > 0 ? key + "@every" + every : key; // finer evaluation: other histories, other cache files
        SeedRun run = cache.find(key, study, seed, batchSize, params).orElse(null);
        if (run == null) {
            TrainResult r = trainer.train(data, experiment.run(c, params, batchSize, seed)
                    .evalEvery(experiment.protocol().evalEvery()).build(), TrainListener.NONE);
            double objective = r.diverged() || r.history().isEmpty() ? Double.NaN
                    : experiment.protocol().objective().of(r.history());
            run = new SeedRun(seed, batchSize, r.status().name(), r.diverged() ? r.message() : null, objective,
                    r.history(), r.trainSeconds());
            cache.put(key, study, params, run);
        }
        progress.step(String.format(Locale.ROOT, "%s seed %d bs %d: %.4g", key, seed, batchSize,
                run.objective()));
        return run;
    }

    /**
     * The trials that make up the protocol's tuning budget: in trial-number order, every trial up to and including
     * the {@code target}-th COMPLETE one. A study can hold more (an earlier run of the same folder asked for more
     * trials, or a killed run's contender got further than another); choosing the best configuration from the
     * same number of COMPLETE trials keeps the budgets of all contenders equal.
     */
    static List<FrozenTrial> withinBudget(List<FrozenTrial> trials, int target) {
        List<FrozenTrial> sorted = trials.stream().sorted(Comparator.comparingInt(FrozenTrial::number)).toList();
        List<FrozenTrial> out = new ArrayList<>();
        int complete = 0;
        for (FrozenTrial t : sorted) {
            if (complete >= target) {
                break;
            }
            out.add(t);
            if (t.state() == TrialState.COMPLETE) {
                complete++;
            }
        }
        return out;
    }

    /** The lowest-valued of {@code complete} (non-empty); ties keep the lower trial number, as Study.bestTrial does. */
    private static FrozenTrial best(List<FrozenTrial> complete) {
        FrozenTrial best = complete.get(0);
        for (FrozenTrial t : complete) {
            if (t.value() < best.value()) {
                best = t;
            }
        }
        return best;
    }

    private static Map<String, Double> numericParams(FrozenTrial t) {
        Map<String, Double> out = new LinkedHashMap<>();
        t.params().forEach((k, v) -> {
            if (v instanceof Number n) {
                out.put(k, n.doubleValue());
            }
        });
        return out;
    }

    static TrialRecord record(FrozenTrial t) {
        return new TrialRecord(t.number(), t.state().name(), t.value(), numericParams(t), t.failReason());
    }
}
