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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.model.BatchedModels;
import org.lookaheadlab.lab.model.InitialWeights;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.BatchedTrainer;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.TrainSlots;
import org.lookaheadlab.lab.train.TrainSpec;
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
 *
 * <p><b>Jobs.</b> Up to {@code jobs} training runs at once on threads of this JVM ({@link TrainSlots}; each run
 * with its own model and optimizer, the engine single-threaded). The studies run side by side, up to {@code jobs}
 * of them; the default runs are queued at the start and each contender's verdict runs as soon as its study is done.
 * Results are assembled in contender and seed order, and a verdict run's result depends on its spec only, so the
 * verdict runs are identical whatever {@code jobs} is. Each study runs one trial at a time while {@code jobs} is
 * at most the number of studies (contenders × studies), so tuning, and the whole result, is then identical too;
 * with more jobs than studies every study gets {@code ⌈jobs / studies⌉} trials at once and its trials depend on
 * timing ({@link Tuning#run(Study, int, int, int)}).
 *
 * <p><b>Rounds.</b> With {@link Experiment#tuneBatch()} above 1 (protocol {@code tuneBatch}, a model with a batched
 * form), each study instead runs its trials in rounds of that many ({@link Tuning#runInRounds}): the round's
 * trials are asked together (TPE's constant liar keeps them apart; the first round of a TPE study with 10 startup
 * trials and width 10 draws exactly the startup trials of a one-at-a-time study) and trained as one batched
 * computation in one slot; no trial is pruned. The rounds are fixed by the finished trials, so tuning is
 * reproducible, and a resumed compare gets the same trials, whatever {@code jobs} is.
 */
public final class ExperimentRunner {

    private final Experiment experiment;
    private final DataSplits data;
    private final Storage storage;
    private final String storageLabel;
    private final Path runDir;
    private final Progress progress;
    private final int jobs;
    private final TrainSlots slots;
    private final int batchRuns;
    private ExecutorService runPool;
    private int rerunKilled = DEFAULT_RERUN_KILLED;

    /**
     * How often, by default, a tuning trial left RUNNING by a killed compare is rerun under its own number before
     * it fails instead ({@link #rerunKilledTrials}).
     */
    public static final int DEFAULT_RERUN_KILLED = 10;

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
        this(experiment, data, storage, storageLabel, runDir, progress, 1);
    }

    /**
     * As the other constructor, training up to {@code jobs} runs at once ({@link ExperimentRunner above}).
     *
     * @param progress progress display (called from several threads when {@code jobs > 1})
     * @param jobs the most training runs at once, at least 1
     */
    public ExperimentRunner(Experiment experiment, DataSplits data, Storage storage, String storageLabel,
            Path runDir, Progress progress, int jobs) {
        this(experiment, data, storage, storageLabel, runDir, progress, jobs, 1);
    }

    /**
     * As the other constructors, training a contender's verdict runs (the runs of one configuration over the
     * verdict seeds: tuned, default, further studies, each batch size of a sweep) {@code batchRuns} at a time as
     * one batched computation ({@link BatchedTrainer}, one training slot per batch) when the model has a batched
     * form ({@link BatchedModels}); 1 trains every run alone. A batched run equals its solo run (float64: to
     * rounding; float32: final metrics to about 1e-4), so the verdict does not depend on {@code batchRuns}
     * beyond that. A configuration whose optimizer has no batched rule is trained run by run (with a note).
     *
     * @param batchRuns the most verdict runs per batch, at least 1
     */
    public ExperimentRunner(Experiment experiment, DataSplits data, Storage storage, String storageLabel,
            Path runDir, Progress progress, int jobs, int batchRuns) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs is " + jobs + ", accepted range: >= 1");
        }
        if (batchRuns < 1) {
            throw new IllegalArgumentException("batch-runs is " + batchRuns + ", accepted range: >= 1");
        }
        this.batchRuns = batchRuns;
        this.jobs = jobs;
        this.slots = new TrainSlots(jobs);
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.data = Objects.requireNonNull(data, "data");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.storageLabel = storageLabel;
        this.runDir = Objects.requireNonNull(runDir, "runDir");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Sets how often a tuning trial that was running when a compare was killed is rerun under its own number on
     * resume before it fails instead (default {@link #DEFAULT_RERUN_KILLED}). Every rerun keeps the resumed
     * comparison equal to the uninterrupted one; the bound is there for a trial that kills its process every time
     * (e.g. out of memory), which would otherwise stop the comparison at every restart.
     *
     * @return this runner
     */
    public ExperimentRunner rerunKilledTrials(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("rerun-killed is " + times + ", accepted range: >= 0");
        }
        this.rerunKilled = times;
        return this;
    }

    /** Tunes, retrains and returns the result (the caller renders the report). */
    public ExperimentResult run() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Protocol p = experiment.protocol();
        List<Contender> contenders = experiment.contenders();
        int studyCount = contenders.size() * p.studies();
        int studyThreads = Math.min(jobs, studyCount);
        int jobsPerStudy = Math.max(1, (jobs + studyCount - 1) / studyCount);
        SeedRunCache cache = new SeedRunCache(runDir);
        // tuned (every study), sweep, defaults
        int runsPerContender = p.seeds() * (p.studies() + 1 + extraBatchSizes().size());
        progress.begin("runs", (long) studyCount * p.trials() + (long) runsPerContender * contenders.size());
        ExecutorService studyPool = Executors.newFixedThreadPool(studyThreads, daemon("tune"));
        runPool = Executors.newFixedThreadPool(jobs, daemon("run"));
        try {
            // the defaults need no tuning: queued first, they fill the slots the studies leave free
            List<List<CompletableFuture<SeedRun>>> defaults = new ArrayList<>();
            for (Contender c : contenders) {
                defaults.add(defaultRuns(c, experiment.studyName(c, 0), cache));
            }
            List<CompletableFuture<ContenderResult>> first = new ArrayList<>();
            List<List<CompletableFuture<StudyResult>>> more = new ArrayList<>(); // studies 1..S-1
            for (int i = 0; i < contenders.size(); i++) {
                Contender c = contenders.get(i);
                List<CompletableFuture<SeedRun>> d = defaults.get(i);
                first.add(CompletableFuture.supplyAsync(() -> tune(c, 0, jobsPerStudy), studyPool)
                        .thenCompose(study -> verdict(c, study, d, cache)));
            }
            for (Contender c : contenders) {
                List<CompletableFuture<StudyResult>> studies = new ArrayList<>();
                for (int s = 1; s < p.studies(); s++) {
                    int study = s;
                    studies.add(CompletableFuture.supplyAsync(() -> tune(c, study, jobsPerStudy), studyPool)
                            .thenCompose(st -> studyResult(c, st, study, cache)));
                }
                more.add(studies);
            }
            List<ContenderResult> results = new ArrayList<>();
            for (int i = 0; i < contenders.size(); i++) {
                ContenderResult r = join(first.get(i));
                if (p.studies() > 1) {
                    List<StudyResult> all = new ArrayList<>();
                    all.add(new StudyResult(r.study(), r.bestParams(), r.bestValue(), r.seedRuns()));
                    for (CompletableFuture<StudyResult> f : more.get(i)) {
                        all.add(join(f));
                    }
                    r = r.withStudies(all);
                }
                results.add(r);
            }
            String validation = data.hasValidation()
                    ? "held out from the training data (" + data.validation().size() + " rows)"
                    : "none: the test split serves as validation (as in the seed experiments)";
            ExperimentSetup setup = new ExperimentSetup(experiment.name(), experiment.preset(),
                    experiment.data().label(), validation, describe(experiment.model()), p.epochs(), p.batchSize(),
                    p.objective().cliName(), p.trials(), p.sampler(), p.samplerSeed(), p.tuneSeed(), p.seedList(),
                    batchSizesForReport(), storageLabel, experiment.scheduleDescription(), p.target(),
                    experiment.tuneBatch());
            return new ExperimentResult(setup, results, started.toString(), (System.nanoTime() - t0) / 1e9,
                    RunEnvironment.current());
        } finally {
            studyPool.shutdownNow();
            runPool.shutdownNow();
            progress.end();
        }
    }

    /** The value of {@code f}, or the exception that ended it (unwrapped), thrown here. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Threads named {@code <what>-N}, daemons, so that a failed comparison never keeps the JVM alive. */
    private static ThreadFactory daemon(String what) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "compare-" + what + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
                .heartbeatInterval(HEARTBEAT).gracePeriod(GRACE).rerunKilledTrials(rerunKilled).build();
    }

    private Study tune(Contender c, int s, int studyJobs) {
        Protocol p = experiment.protocol();
        Study study = openStudy(c, s);
        int target = p.trials();
        int complete = study.trials(TrialState.COMPLETE).size();
        String name = c.name() + (p.studies() > 1 ? " study " + (s + 1) + "/" + p.studies() : "");
        progress.skip(Math.min(complete, target), name + ": " + Math.min(complete, target)
                + " complete trials from an earlier run");
        byte[] weights = initialWeights(p.tuneSeed(s));
        Tuning tuning = new Tuning(experiment.studyProtocol(c, s), c.search(),
                values -> experiment.run(c, values, p.batchSize(), p.tuneSeed(s)).initialWeights(weights)
                        .validationOnly(true).build(), // a trial's value and reports are validation losses
                data, p.objective(), new Tuning.Listener() {
                    @Override
                    public void completed(int number, Map<String, Double> values, double value) {
                        progress.step(String.format(Locale.ROOT, "%s trial %d: %.4g", name, number, value));
                    }

                    @Override
                    public void pruned(int number, Map<String, Double> values, String why) {
                        progress.note(name + " trial " + number + ": PRUNED (" + why + ")");
                    }

                    @Override
                    public void diverged(int number, Map<String, Double> values, String why) {
                        progress.note(name + " trial " + number + ": FAIL (" + why + ")");
                    }
                }, slots);
        if (experiment.tuneBatch() > 1) {
            tuning.runInRounds(study, target, 3 * target + 10, experiment.tuneBatch());
        } else {
            tuning.run(study, target, 3 * target + 10, studyJobs);
        }
        return study;
    }

    private byte[] initialWeights(long seed) {
        return InitialWeights.snapshot(experiment.model(), data.train().sampleShape(), data.train().numClasses(),
                seed, DataType.FLOAT32);
    }

    /** A further study's best configuration over the verdict seeds (no sweep, no default runs: those are study 0's). */
    private CompletableFuture<StudyResult> studyResult(Contender c, Study study, int s, SeedRunCache cache) {
        List<FrozenTrial> complete = withinBudget(study.trials(), experiment.protocol().trials()).stream()
                .filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (complete.isEmpty()) {
            progress.skip(experiment.protocol().seeds(), c.name() + " " + study.name() + ": no complete trial");
            return CompletableFuture.completedFuture(new StudyResult(study.name(), Map.of(), null, List.of()));
        }
        FrozenTrial best = best(complete);
        Map<String, Double> params = numericParams(best);
        List<CompletableFuture<SeedRun>> runs = seedRuns(c, c.name() + "#study" + s, study.name(), params,
                experiment.protocol().batchSize(), cache);
        return all(runs).thenApply(done -> new StudyResult(study.name(), params, best.value(), done));
    }

    private CompletableFuture<ContenderResult> verdict(Contender c, Study study,
            List<CompletableFuture<SeedRun>> defaults, SeedRunCache cache) {
        List<FrozenTrial> budget = withinBudget(study.trials(), experiment.protocol().trials());
        List<TrialRecord> trials = budget.stream().map(ExperimentRunner::record).toList();
        List<FrozenTrial> complete = budget.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
        if (complete.isEmpty()) {
            progress.skip(experiment.protocol().seeds() * (1L + extraBatchSizes().size()),
                    c.name() + ": no complete trial, nothing to retrain");
            return all(defaults).thenApply(d -> new ContenderResult(c.name(), c.label(), study.name(),
                    c.search().toString(), trials, Map.of(), null, List.of(), List.of(), d));
        }
        FrozenTrial best = best(complete);
        Map<String, Double> params = numericParams(best);
        List<CompletableFuture<SeedRun>> seedRuns = seedRuns(c, c.name(), study.name(), params,
                experiment.protocol().batchSize(), cache);
        List<CompletableFuture<SeedRun>> sweepRuns = new ArrayList<>();
        for (int bs : extraBatchSizes()) {
            sweepRuns.addAll(seedRuns(c, c.name(), study.name(), params, bs, cache));
        }
        return all(seedRuns).thenCombine(all(sweepRuns), (seeds, sweep) -> new Object[] {seeds, sweep})
                .thenCombine(all(defaults), (both, d) -> {
                    @SuppressWarnings("unchecked") List<SeedRun> seeds = (List<SeedRun>) both[0];
                    @SuppressWarnings("unchecked") List<SeedRun> sweep = (List<SeedRun>) both[1];
                    return new ContenderResult(c.name(), c.label(), study.name(), c.search().toString(), trials,
                            params, best.value(), seeds, sweep, d);
                });
    }

    /** The values of {@code runs}, in their order, once all are done. */
    private static CompletableFuture<List<SeedRun>> all(List<CompletableFuture<SeedRun>> runs) {
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new))
                .thenApply(v -> runs.stream().map(CompletableFuture::join).toList());
    }

    /**
     * The contender at its own values of the tuned hyperparameters (the library defaults, e.g. Adam's lr 1e-3),
     * once per verdict seed at the protocol's batch size: the untuned baseline of every contender.
     */
    private List<CompletableFuture<SeedRun>> defaultRuns(Contender c, String study, SeedRunCache cache) {
        return seedRuns(c, c.name() + DEFAULTS, study, Map.of(), experiment.protocol().batchSize(), cache);
    }

    /** The cache key suffix of a contender's default runs. */
    static final String DEFAULTS = "@defaults";

    /**
     * The runs of one configuration over the verdict seeds, in seed order: from the cache, or trained — alone
     * ({@link #seedRun}) or, with {@code batchRuns > 1} and a model that has a batched form, in batches of up to
     * {@code batchRuns} uncached seeds ({@link #batch}).
     */
    private List<CompletableFuture<SeedRun>> seedRuns(Contender c, String name, String study,
            Map<String, Double> params, int batchSize, SeedRunCache cache) {
        List<Long> seeds = experiment.protocol().seedList();
        List<CompletableFuture<SeedRun>> out = new ArrayList<>();
        if (batchRuns <= 1 || !BatchedModels.supports(experiment.model())) {
            for (long seed : seeds) {
                out.add(seedRun(c, name, study, params, seed, batchSize, cache));
            }
            return out;
        }
        String key = cacheKey(name);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            SeedRun cached = cache.find(key, study, seeds.get(i), batchSize, params).orElse(null);
            if (cached != null) {
                stepped(key, cached);
            } else {
                todo.add(i);
            }
            out.add(cached != null ? CompletableFuture.completedFuture(cached) : null);
        }
        for (int from = 0; from < todo.size(); from += batchRuns) {
            List<Integer> chunk = todo.subList(from, Math.min(from + batchRuns, todo.size()));
            List<Long> chunkSeeds = chunk.stream().map(seeds::get).toList();
            CompletableFuture<List<SeedRun>> trained = CompletableFuture.supplyAsync(
                    () -> batch(c, key, study, params, chunkSeeds, batchSize, cache), runPool);
            for (int j = 0; j < chunk.size(); j++) {
                int index = j;
                out.set(chunk.get(j), trained.thenApply(runs -> runs.get(index)));
            }
        }
        return out;
    }

    /**
     * Trains the configuration at {@code seeds} as one batch and caches each run; an optimizer without a
     * batched rule trains them one by one instead (noted once per batch).
     */
    private List<SeedRun> batch(Contender c, String key, String study, Map<String, Double> params, List<Long> seeds,
            int batchSize, SeedRunCache cache) {
        List<TrainSpec> specs = seeds.stream().map(seed -> experiment.run(c, params, batchSize, seed)
                .evalEvery(experiment.protocol().evalEvery()).build()).toList();
        List<TrainResult> results;
        try {
            // even a batch of one (a lone uncached seed, e.g. after a resume): a run's batched result does not
            // depend on the batch it is in, so a resumed compare gives the uninterrupted result
            results = slots.trainBatch(data, specs);
        } catch (IllegalArgumentException e) {
            progress.note(key + ": trained run by run, not batched (" + e.getMessage() + ")");
            results = specs.stream().map(spec -> slots.train(data, spec, TrainListener.NONE)).toList();
        }
        List<SeedRun> runs = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            SeedRun run = seedRun(results.get(i), seeds.get(i), batchSize);
            cache.put(key, study, params, run);
            stepped(key, run);
            runs.add(run);
        }
        return runs;
    }

    /** The cache key of a configuration's runs: finer evaluation means other histories, other files. */
    private String cacheKey(String name) {
        int every = experiment.protocol().evalEvery();
        return every > 0 ? name + "@every" + every : name;
    }

    private SeedRun seedRun(TrainResult r, long seed, int batchSize) {
        double objective = r.diverged() || r.history().isEmpty() ? Double.NaN
                : experiment.protocol().objective().of(r.history());
        return new SeedRun(seed, batchSize, r.status().name(), r.diverged() ? r.message() : null, objective,
                r.history(), r.trainSeconds());
    }

    /**
     * The run from the cache, or trained on a thread of the run pool (and then cached). A run's result depends on
     * its spec only, so the verdict is the same whatever {@code jobs} is.
     */
    private CompletableFuture<SeedRun> seedRun(Contender c, String name, String study, Map<String, Double> params,
            long seed, int batchSize, SeedRunCache cache) {
        String key = cacheKey(name);
        SeedRun cached = cache.find(key, study, seed, batchSize, params).orElse(null);
        if (cached != null) {
            stepped(key, cached);
            return CompletableFuture.completedFuture(cached);
        }
        return CompletableFuture.supplyAsync(() -> {
            TrainResult r = slots.train(data, experiment.run(c, params, batchSize, seed)
                    .evalEvery(experiment.protocol().evalEvery()).build(), TrainListener.NONE);
            SeedRun run = seedRun(r, seed, batchSize);
            cache.put(key, study, params, run);
            stepped(key, run);
            return run;
        }, runPool);
    }

    private void stepped(String key, SeedRun run) {
        progress.step(String.format(Locale.ROOT, "%s seed %d bs %d: %.4g", key, run.seed(), run.batchSize(),
                run.objective()));
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
