package org.lookaheadlab.tune;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.lookaheadlab.tune.pruners.MedianPruner;
import org.lookaheadlab.tune.pruners.Pruner;
import org.lookaheadlab.tune.samplers.Sampler;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;
import org.lookaheadlab.tune.storage.InMemoryStorage;
import org.lookaheadlab.tune.storage.StaleTrials;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.TrialLease;
import org.lookaheadlab.tune.storage.TrialOwner;
import org.lookaheadlab.tune.storage.UserAttrJson;

/**
 * An optimisation task: a named, directed sequence of trials in a storage, driven by a sampler and a pruner.
 *
 * <p>{@link #optimize} runs ask → objective → tell. A returned finite value completes the trial; NaN or ±∞, or
 * an exception other than {@link TrialPruned}, fails the trial with the reason stored and the study goes on;
 * {@link TrialPruned} prunes it (its value is the last intermediate value, when that is a number).
 *
 * <p>Workers that die: a trial is created with this process as its owner ({@link TrialOwner}), and while the
 * objective runs it is leased ({@link Storage#leaseTrial}): a thread and a connection of the lease's own write its
 * heartbeat every {@code heartbeatInterval}.
 * Before each new trial, RUNNING trials whose worker is gone ({@link Storage#findStaleTrials}: the owner process is
 * proven dead, or no live owner can be seen and the heartbeat is older than {@code gracePeriod}) are failed — or,
 * with {@link Builder#rerunKilledTrials}, put back in the queue under their own number — so a killed worker
 * loses only its own unfinished trial and a live worker's trial is never taken from it, however slow it is.
 * Defaults follow Optuna's: a heartbeat every 60 s, 120 s of grace.
 *
 * <p>With {@link Builder#maxConsecutiveFailures}, a study whose latest trials all failed stops with a
 * {@link StudyStoppedException} instead of failing forever. The sampler and pruner are not stored: a process that
 * loads a study passes its own.
 */
public final class Study {

    private static final System.Logger LOG = System.getLogger(Study.class.getName());

    private final Storage storage;
    private final StudyInfo info;
    private final Sampler sampler;
    private final Pruner pruner;
    private final Duration heartbeatInterval;
    private final Duration gracePeriod;
    private final StaleTrialRetry retry;
    private final int maxReruns;
    private final int maxConsecutiveFailures;

    private Study(Storage storage, StudyInfo info, Sampler sampler, Pruner pruner, Duration heartbeatInterval,
                  Duration gracePeriod, StaleTrialRetry retry, int maxReruns, int maxConsecutiveFailures) {
        this.retry = retry;
        this.maxReruns = maxReruns;
        this.maxConsecutiveFailures = maxConsecutiveFailures;
        this.storage = storage;
        this.info = info;
        this.sampler = sampler;
        this.pruner = pruner;
        this.heartbeatInterval = heartbeatInterval;
        this.gracePeriod = gracePeriod;
    }

    /**
     * A builder; defaults: in-memory storage, MINIMIZE, TPE (entropy seed), MedianPruner, heartbeat 60 s, grace
     * 120 s, killed trials failed (not retried), no limit on consecutive failures.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Creates a new study; fails if the name exists in the storage. */
    public static Study create(String name, StudyDirection direction, Sampler sampler, Pruner pruner,
                               Storage storage) {
        return builder().name(name).direction(direction).sampler(sampler).pruner(pruner).storage(storage).build();
    }

    /** Loads an existing study by name; its stored direction is kept. */
    public static Study load(String name, Sampler sampler, Pruner pruner, Storage storage) {
        StudyInfo info = storage.findStudy(name)
                .orElseThrow(() -> new IllegalArgumentException("no study named '" + name + "' in the storage"));
        return builder().name(name).direction(info.direction()).sampler(sampler).pruner(pruner).storage(storage)
                .loadIfExists(true).build();
    }

    public String name() {
        return info.name();
    }

    public StudyDirection direction() {
        return info.direction();
    }

    public long studyId() {
        return info.studyId();
    }

    public Storage storage() {
        return storage;
    }

    public Sampler sampler() {
        return sampler;
    }

    public Pruner pruner() {
        return pruner;
    }

    /** All trials, ordered by number, as stored now. */
    public List<FrozenTrial> trials() {
        return storage.getAllTrials(info.studyId());
    }

    /** The trials in the given state. */
    public List<FrozenTrial> trials(TrialState state) {
        return trials().stream().filter(t -> t.state() == state).toList();
    }

    /** The best COMPLETE trial; ties go to the lower number. */
    public FrozenTrial bestTrial() {
        FrozenTrial best = null;
        for (FrozenTrial t : trials()) {
            if (t.state() == TrialState.COMPLETE && (best == null || direction().isBetter(t.value(), best.value()))) {
                best = t;
            }
        }
        if (best == null) {
            throw new IllegalStateException("study '" + name() + "' has no COMPLETE trial yet");
        }
        return best;
    }

    /**
     * Deals with the RUNNING trials whose worker is gone ({@link Storage#findStaleTrials}): with
     * {@link Builder#rerunKilledTrials(int)}, each is put back in the queue under its own number with the
     * parameters it had (until it has been rerun that many times; then it fails); otherwise it fails, and with
     * {@link Builder#retryFailedTrials(int)} a copy is enqueued. Returns the ids of the trials this call handled.
     */
    public List<Long> failStaleTrials() {
        List<Long> handled = new ArrayList<>();
        for (long id : storage.findStaleTrials(info.studyId(), gracePeriod)) {
            FrozenTrial stale = storage.getTrial(id);
            int reruns = stale.systemAttrs().get(FrozenTrial.RERUN_COUNT) instanceof Number n ? n.intValue() : 0;
            if (reruns < maxReruns) {
                Map<String, String> attrs = new LinkedHashMap<>();
                Map<String, Object> fixed = new LinkedHashMap<>(stale.fixedParams());
                fixed.putAll(stale.params());
                attrs.put(FrozenTrial.FIXED_PARAMS, UserAttrJson.write(fixed));
                attrs.put(FrozenTrial.RERUN_COUNT, UserAttrJson.write(reruns + 1));
                if (storage.requeueTrial(id, attrs)) {
                    LOG.log(System.Logger.Level.INFO, "Trial#" + stale.number() + ": its worker is gone; queued"
                            + " again under the same number with its parameters (rerun " + (reruns + 1) + " of "
                            + maxReruns + ")");
                    handled.add(id);
                }
            } else if (storage.finishTrial(id, TrialState.FAIL, null, StaleTrials.REASON)) {
                handled.add(id);
                if (retry != null) {
                    retry.retry(storage, info.studyId(), storage.getTrial(id));
                }
            }
        }
        return handled;
    }

    /**
     * Adds a WAITING trial whose {@code suggest*} calls return these values (name → external value: a number,
     * or a String choice of a categorical); the next {@code ask} of any worker starts it before any new trial.
     * Parameters not listed are sampled as usual. A fixed value outside the range later suggested for it fails
     * that suggestion with an IllegalArgumentException.
     *
     * @return the WAITING trial
     */
    public FrozenTrial enqueueTrial(Map<String, Object> params) {
        if (params == null) {
            throw new IllegalArgumentException("params must be a map of parameter name to value, but got null.");
        }
        return storage.enqueueTrial(info.studyId(),
                Map.of(FrozenTrial.FIXED_PARAMS, UserAttrJson.write(new LinkedHashMap<>(params))));
    }

    /** Starts a RUNNING trial (after failing stale ones): the oldest WAITING trial if any, else a new one. */
    public Trial ask() {
        return tryAsk(Integer.MAX_VALUE, null).orElseThrow();
    }

    private Optional<Trial> tryAsk(int maxActive, TrialOwner owner) {
        failStaleTrials();
        return storage.createTrial(info.studyId(), maxActive, owner).map(t -> new Trial(this, t));
    }

    /** Completes a trial with a finite value (NaN or ±∞ fail it instead, as in {@link #optimize}). */
    public FrozenTrial tell(Trial trial, double value) {
        if (!Double.isFinite(value)) {
            return finish(trial, TrialState.FAIL, null, "objective returned " + value);
        }
        return finish(trial, TrialState.COMPLETE, value, null);
    }

    /** Ends a trial as PRUNED (value: its last intermediate value if a number) or FAIL. */
    public FrozenTrial tell(Trial trial, TrialState state) {
        if (state == TrialState.PRUNED) {
            var last = trial.intermediateValues().lastEntry();
            Double v = last == null || Double.isNaN(last.getValue()) ? null : last.getValue();
            return finish(trial, TrialState.PRUNED, v, null);
        }
        if (state == TrialState.FAIL) {
            return finish(trial, TrialState.FAIL, null, "told FAIL");
        }
        throw new IllegalArgumentException("state must be PRUNED or FAIL here (COMPLETE needs a value), got "
                + state);
    }

    private FrozenTrial finish(Trial trial, TrialState state, Double value, String reason) {
        trial.markFinished();
        if (!storage.finishTrial(trial.trialId(), state, value, reason)) {
            LOG.log(System.Logger.Level.WARNING, "Trial#" + trial.number()
                    + " was already finished by someone else (stale heartbeat?); its result " + state + " is dropped");
        }
        return storage.getTrial(trial.trialId());
    }

    /** Runs {@code nTrials} trials in this thread. */
    public void optimize(Objective objective, int nTrials) {
        optimize(objective, nTrials, 1);
    }

    /** Runs {@code nTrials} trials on {@code jobs} threads. */
    public void optimize(Objective objective, int nTrials, int jobs) {
        AtomicInteger remaining = new AtomicInteger(nTrials);
        runWorkers(jobs, () -> {
            while (remaining.getAndDecrement() > 0) {
                runTrial(objective, Integer.MAX_VALUE);
                checkConsecutiveFailures();
            }
        });
    }

    /**
     * Runs trials until the study holds {@code targetComplete} COMPLETE trials in total (counting those of
     * earlier runs and of other workers), so a restarted worker finishes the job. A new trial starts only while
     * COMPLETE + RUNNING &lt; target (checked atomically with its creation), so concurrent workers do not
     * overshoot; while others' trials are running, this waits for them (and fails them once their heartbeat is
     * stale). An objective that never completes a trial keeps this running: the caller bounds it.
     */
    public void optimizeUntilComplete(Objective objective, int targetComplete, int jobs) {
        optimizeUntilComplete(objective, targetComplete, jobs, Integer.MAX_VALUE);
    }

    /**
     * As {@link #optimizeUntilComplete(Objective, int, int)}, but this call starts at most {@code maxStarted}
     * trials (over all its threads), so that an objective that never completes a trial ends; the study may then
     * hold fewer than {@code targetComplete} COMPLETE trials.
     *
     * @return the number of trials this call started
     */
    public int optimizeUntilComplete(Objective objective, int targetComplete, int jobs, int maxStarted) {
        if (maxStarted < 0) {
            throw new IllegalArgumentException("maxStarted must be >= 0, but got maxStarted=" + maxStarted + ".");
        }
        AtomicInteger started = new AtomicInteger();
        runWorkers(jobs, () -> {
            while (true) {
                if (trials(TrialState.COMPLETE).size() >= targetComplete) {
                    return;
                }
                if (started.incrementAndGet() > maxStarted) {
                    started.decrementAndGet();
                    return;
                }
                if (!runTrial(objective, targetComplete)) {
                    started.decrementAndGet(); // none was free to start
                    Thread.sleep(Math.min(500, Math.max(10, heartbeatInterval.toMillis() / 4)));
                } else {
                    checkConsecutiveFailures();
                }
            }
        });
        return started.get();
    }

    /**
     * Runs trials a round at a time until the study holds {@code targetComplete} COMPLETE trials: each round asks
     * up to {@code width} trials (so the sampler sees the round's earlier trials RUNNING: TPE's constant liar keeps
     * them apart), leases them all, hands them to {@code objective} together and tells every outcome, in number
     * order, once the round is done. Rounds are never cut short; a new round starts only while this call has
     * started fewer than {@code maxStarted} trials, so an objective that never completes a trial ends.
     *
     * <p>Which trials make up a round is fixed by the finished trials of earlier rounds ({@link Rounds}), and a
     * round's trials are asked in number order with the round's earlier trials RUNNING: a seeded study killed
     * anywhere in a round and resumed (with {@link Builder#rerunKilledTrials}: the killed round's trials come back
     * under their own numbers with their parameters, its missing ones are asked as before) holds exactly the trials
     * of an uninterrupted one, provided {@code objective}'s outcome for a trial does not depend on the other trials
     * of its round. Meant for one worker per study: with other workers asking in the same study, the rounds are
     * still bounded by the target but no longer reproducible. The pruner is not consulted (every trial of a round
     * runs to its end).
     *
     * @return the number of trials this call started
     */
    public int optimizeInRounds(BatchObjective objective, int targetComplete, int width, int maxStarted) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, but got width=" + width + ".");
        }
        if (maxStarted < 0) {
            throw new IllegalArgumentException("maxStarted must be >= 0, but got maxStarted=" + maxStarted + ".");
        }
        int started = 0;
        while (started < maxStarted) {
            failStaleTrials();
            Optional<int[]> round = Rounds.open(trials(), width, targetComplete);
            if (round.isEmpty()) {
                break;
            }
            int first = round.get()[0];
            int end = first + round.get()[1];
            long unfinishedOrMissing = end - first - trials().stream()
                    .filter(t -> t.number() >= first && t.number() < end && t.state().isFinished()).count();
            List<Trial> asked = new ArrayList<>();
            for (int i = 0; i < unfinishedOrMissing; i++) {
                Optional<Trial> t = tryAsk(targetComplete, TrialOwner.current());
                if (t.isEmpty()) {
                    break; // other workers' trials fill the target
                }
                asked.add(t.get());
            }
            if (asked.isEmpty()) {
                sleepBeforeRetry();
                continue;
            }
            started += asked.size();
            runRound(objective, asked);
            checkConsecutiveFailures();
        }
        return started;
    }

    private void sleepBeforeRetry() {
        try {
            Thread.sleep(Math.min(500, Math.max(10, heartbeatInterval.toMillis() / 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while optimizing", e);
        }
    }

    /** Leases the round's trials, evaluates them together and tells each outcome in order. */
    private void runRound(BatchObjective objective, List<Trial> round) {
        List<TrialLease> leases = new ArrayList<>();
        try {
            for (Trial t : round) {
                leases.add(storage.leaseTrial(t.trialId(), heartbeatInterval));
            }
            List<TrialOutcome> outcomes;
            try {
                outcomes = objective.evaluate(List.copyOf(round));
                if (outcomes == null || outcomes.size() != round.size()) {
                    throw new IllegalStateException("the objective returned " + (outcomes == null ? "no outcomes"
                            : outcomes.size() + " outcomes") + " for a round of " + round.size() + " trials");
                }
            } catch (Exception e) {
                for (Trial t : round) {
                    finish(t, TrialState.FAIL, null, e.getClass().getName() + ": " + e.getMessage());
                }
                LOG.log(System.Logger.Level.WARNING, "a round of " + round.size() + " trials failed: " + e);
                return;
            } catch (Error e) {
                for (Trial t : round) {
                    finish(t, TrialState.FAIL, null, e.getClass().getName() + ": " + e.getMessage());
                }
                throw e;
            }
            for (int i = 0; i < round.size(); i++) {
                Trial t = round.get(i);
                TrialOutcome o = outcomes.get(i);
                FrozenTrial done = o.isFailure() ? finish(t, TrialState.FAIL, null, o.failReason()) : tell(t, o.value());
                if (done.state() == TrialState.FAIL) {
                    LOG.log(System.Logger.Level.WARNING, "Trial#" + t.number() + " failed: " + done.failReason());
                }
            }
        } finally {
            for (TrialLease lease : leases) {
                lease.close();
            }
        }
    }

    /** As {@link #optimizeUntilComplete(Objective, int, int)} on this thread. */
    public void optimizeUntilComplete(Objective objective, int targetComplete) {
        optimizeUntilComplete(objective, targetComplete, 1);
    }

    /**
     * Throws {@link StudyStoppedException} when the study's {@code maxConsecutiveFailures} latest finished trials
     * (by number) all failed for a reason of their own (a trial whose worker died does not count).
     */
    private void checkConsecutiveFailures() {
        if (maxConsecutiveFailures == 0) {
            return;
        }
        List<FrozenTrial> finished = trials().stream()
                .filter(t -> t.state().isFinished() && !StaleTrials.REASON.equals(t.failReason()))
                .sorted((a, b) -> Integer.compare(b.number(), a.number())).limit(maxConsecutiveFailures).toList();
        if (finished.size() == maxConsecutiveFailures
                && finished.stream().allMatch(t -> t.state() == TrialState.FAIL)) {
            throw new StudyStoppedException(name(), maxConsecutiveFailures, finished.get(0));
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void runWorkers(int jobs, Work work) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, but got jobs=" + jobs + ".");
        }
        if (jobs == 1) {
            call(work);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                futures.add(pool.submit(() -> call(work)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while optimizing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void call(Work work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while optimizing", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One ask → evaluate → tell; false when no trial could start (the active limit was reached). */
    private boolean runTrial(Objective objective, int maxActive) {
        Optional<Trial> asked = tryAsk(maxActive, TrialOwner.current());
        if (asked.isEmpty()) {
            return false;
        }
        Trial trial = asked.get();
        try (TrialLease lease = storage.leaseTrial(trial.trialId(), heartbeatInterval)) {
            double value;
            try {
                value = objective.evaluate(trial);
            } catch (TrialPruned e) {
                tell(trial, TrialState.PRUNED);
                return true;
            } catch (Exception e) {
                finish(trial, TrialState.FAIL, null, e.getClass().getName() + ": " + e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "Trial#" + trial.number() + " failed: " + e);
                return true;
            } catch (Error e) {
                finish(trial, TrialState.FAIL, null, e.getClass().getName() + ": " + e.getMessage());
                throw e;
            }
            FrozenTrial done = tell(trial, value);
            if (done.state() == TrialState.FAIL) {
                LOG.log(System.Logger.Level.WARNING, "Trial#" + trial.number() + " failed: " + done.failReason());
            }
        }
        return true;
    }

    /** Builds or loads a study. */
    public static final class Builder {
        private String name;
        private StudyDirection direction = StudyDirection.MINIMIZE;
        private Sampler sampler;
        private Pruner pruner;
        private Storage storage;
        private boolean loadIfExists;
        private Duration heartbeatInterval = Duration.ofSeconds(60);
        private Duration gracePeriod;
        private StaleTrialRetry retry;
        private int maxReruns;
        private int maxConsecutiveFailures;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder direction(StudyDirection direction) {
            this.direction = Objects.requireNonNull(direction, "direction");
            return this;
        }

        public Builder sampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        public Builder pruner(Pruner pruner) {
            this.pruner = pruner;
            return this;
        }

        public Builder storage(Storage storage) {
            this.storage = storage;
            return this;
        }

        /** Load the study when the name exists instead of failing. */
        public Builder loadIfExists(boolean loadIfExists) {
            this.loadIfExists = loadIfExists;
            return this;
        }

        /** How often a running trial writes its heartbeat (default 60 s, as Optuna's). */
        public Builder heartbeatInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("heartbeatInterval must be > 0, but got " + interval + ".");
            }
            this.heartbeatInterval = interval;
            return this;
        }

        /**
         * How old a heartbeat may get before its trial is failed, when its worker cannot be seen to be alive or dead
         * (default 2 × heartbeat interval, so 120 s by default, as Optuna's).
         */
        public Builder gracePeriod(Duration grace) {
            if (grace == null || grace.isNegative() || grace.isZero()) {
                throw new IllegalArgumentException("gracePeriod must be > 0, but got " + grace + ".");
            }
            this.gracePeriod = grace;
            return this;
        }

        /**
         * Opt-in: a trial failed because its heartbeat went stale (its worker died) is enqueued again with the
         * same parameters, up to {@code maxRetries} times per original trial (see {@link FrozenTrial#FAILED_TRIAL},
         * {@link FrozenTrial#RETRY_COUNT}). 0 turns it off. Trials failed by the objective are not retried.
         */
        public Builder retryFailedTrials(int maxRetries) {
            StaleTrialRetry r = new StaleTrialRetry(maxRetries);
            this.retry = maxRetries == 0 ? null : r;
            return this;
        }

        /**
         * Opt-in: a trial whose worker is gone is put back in the queue under its own number, with the parameters it
         * had ({@link FrozenTrial#RERUN_COUNT} counts the reruns), up to {@code maxReruns} times; after that it
         * fails. Unlike {@link #retryFailedTrials}, no FAIL trial and no new number is left behind, so a seeded
         * study that is killed and resumed samples exactly what an uninterrupted one samples. 0 turns it off.
         */
        public Builder rerunKilledTrials(int maxReruns) {
            if (maxReruns < 0) {
                throw new IllegalArgumentException("maxReruns must be >= 0, but got " + maxReruns + ".");
            }
            this.maxReruns = maxReruns;
            return this;
        }

        /**
         * Stops {@link #optimize}, {@link #optimizeUntilComplete} and {@link #optimizeInRounds} (after a round)
         * with a {@link StudyStoppedException} once the study's {@code n} latest finished trials all failed (by the
         * objective's doing: exceptions, NaN, divergence; not trials whose worker died). 0 (the default) turns it
         * off.
         */
        public Builder maxConsecutiveFailures(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxConsecutiveFailures must be >= 0, but got " + n + ".");
            }
            this.maxConsecutiveFailures = n;
            return this;
        }

        public Study build() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("study name must be non-blank, but got '" + name + "'.");
            }
            Storage st = storage != null ? storage : new InMemoryStorage();
            Optional<StudyInfo> existing = st.findStudy(name);
            StudyInfo info;
            if (existing.isPresent()) {
                if (!loadIfExists) {
                    throw new DuplicatedStudyException(name);
                }
                info = existing.get();
            } else {
                try {
                    info = st.createStudy(name, direction);
                } catch (DuplicatedStudyException e) {
                    if (!loadIfExists) {
                        throw e;
                    }
                    info = st.findStudy(name).orElseThrow();
                }
            }
            Duration grace = gracePeriod != null ? gracePeriod : heartbeatInterval.multipliedBy(2);
            return new Study(st, info, sampler != null ? sampler : new TpeSampler(),
                    pruner != null ? pruner : new MedianPruner(), heartbeatInterval, grace, retry, maxReruns,
                    maxConsecutiveFailures);
        }
    }
}
