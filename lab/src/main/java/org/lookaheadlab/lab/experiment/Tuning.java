package org.lookaheadlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.train.EpochMetrics;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.TrainSlots;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.Trial;
import org.lookaheadlab.tune.TrialOutcome;
import org.lookaheadlab.tune.TrialPruned;
import org.lookaheadlab.tune.pruners.MedianPruner;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.pruners.Pruner;
import org.lookaheadlab.tune.samplers.RandomSampler;
import org.lookaheadlab.tune.samplers.Sampler;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;
import org.lookaheadlab.tune.storage.Storage;

/**
 * The one tuning loop of {@code tune} and {@code compare}: the sampler and pruner by name, the study's settings,
 * and one trial's work — suggest the search space's values, train from the given spec, report the validation
 * loss after every epoch, prune (never a finished run: the last epoch's report is never pruned, so a run that
 * trained to the end is COMPLETE), and return the objective; a diverged run fails its trial.
 */
public final class Tuning {

    /** The sampler names, in help order. */
    public static final List<String> SAMPLERS = List.of("tpe", "random");
    /** The pruner names, in help order. */
    public static final List<String> PRUNERS = List.of("median", "none");

    /** What a caller learns after each trial (printing, progress). */
    public interface Listener {
        /** Trial {@code number} completed with {@code value}. */
        default void completed(int number, Map<String, Double> values, double value) {}

        /** Trial {@code number} was pruned ({@code why}: at which epoch). */
        default void pruned(int number, Map<String, Double> values, String why) {}

        /** Trial {@code number} diverged and fails. */
        default void diverged(int number, Map<String, Double> values, String why) {}
    }

    /** Trial user attribute recording the {@link StudyProtocol} a trial ran under. */
    public static final String PROTOCOL_ATTR = "protocol";

    private final StudyProtocol protocol;
    private final SearchSpace space;
    private final Function<Map<String, Double>, TrainSpec> specFor;
    private final DataSplits data;
    private final ObjectiveMetric objective;
    private final Listener listener;
    private final TrainSlots trainer;

    /**
     * @param protocol what the trials measure, recorded with each ({@link #PROTOCOL_ATTR})
     * @param space the tuned hyperparameters
     * @param specFor the run of one trial, given its suggested values
     * @param data the data every trial trains on
     * @param objective the number of a run's history that is the trial's value
     * @param listener told about every trial this process runs (from the trials' threads: it must be thread-safe
     *     when {@link #run(Study, int, int, int)} runs several at once)
     */
    public Tuning(StudyProtocol protocol, SearchSpace space, Function<Map<String, Double>, TrainSpec> specFor,
            DataSplits data, ObjectiveMetric objective, Listener listener) {
        this(protocol, space, specFor, data, objective, listener, new TrainSlots(Integer.MAX_VALUE));
    }

    /**
     * As the other constructor, with every trial trained in one of {@code slots} (shared with other work of this
     * process, e.g. the verdict runs of a comparison).
     */
    public Tuning(StudyProtocol protocol, SearchSpace space, Function<Map<String, Double>, TrainSpec> specFor,
            DataSplits data, ObjectiveMetric objective, Listener listener, TrainSlots slots) {
        this.trainer = Objects.requireNonNull(slots, "slots");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.space = Objects.requireNonNull(space, "space");
        this.specFor = Objects.requireNonNull(specFor, "specFor");
        this.data = Objects.requireNonNull(data, "data");
        this.objective = Objects.requireNonNull(objective, "objective");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Checks a sampler and a pruner name; one line listing the accepted ones. */
    public static void checkNames(String sampler, String pruner) {
        if (!SAMPLERS.contains(sampler)) {
            throw new IllegalArgumentException("sampler is '" + sampler + "', accepted: " + String.join(", ", SAMPLERS));
        }
        if (!PRUNERS.contains(pruner)) {
            throw new IllegalArgumentException("pruner is '" + pruner + "', accepted: " + String.join(", ", PRUNERS));
        }
    }

    /**
     * The builder of a minimising study with sampler {@code sampler} (seeded with {@code samplerSeed}) and pruner
     * {@code pruner}, loaded if it exists. A trial left RUNNING by a killed process goes back to the queue under
     * its own number with its parameters and is run again first, so that a resumed study holds exactly the trials
     * an uninterrupted one would (the sampler's draws depend on the trial number and the finished trials only);
     * a trial that kills its process every time fails after two reruns ({@code compare} sets its own bound,
     * {@link ExperimentRunner#rerunKilledTrials}).
     */
    public static Study.Builder study(String name, String sampler, long samplerSeed, String pruner, Storage storage) {
        checkNames(sampler, pruner);
        Sampler s = sampler.equals("random") ? new RandomSampler(samplerSeed) : new TpeSampler(samplerSeed);
        Pruner p = pruner.equals("median") ? new MedianPruner() : new NopPruner();
        return Study.builder().name(name).direction(StudyDirection.MINIMIZE).sampler(s).pruner(p).storage(storage)
                .loadIfExists(true).rerunKilledTrials(2);
    }

    /**
     * Refuses to add trials of {@code protocol} to a study whose trials ran under another one: their values would
     * not be comparable. A trial of an earlier Lookahead Lab version gets a message of its own.
     *
     * @throws IllegalArgumentException one line naming the study and both protocols
     */
    public static void checkSameProtocol(Study study, StudyProtocol protocol) {
        for (FrozenTrial t : study.trials()) {
            Object recorded = t.userAttrs().get(PROTOCOL_ATTR);
            if (recorded == null || recorded.equals(protocol.text())) {
                continue;
            }
            if (StudyProtocol.isEarlierVersion(recorded.toString())) {
                throw new IllegalArgumentException("study '" + study.name() + "' holds trials of an earlier Lookahead "
                        + "Lab version, whose optimizer text predates the one optimizer spec syntax, so they cannot be "
                        + "resumed: use a new study name (its trials stay readable)");
            }
            throw new IllegalArgumentException("study '" + study.name() + "' holds trials run with other settings ("
                    + recorded + "); these give (" + protocol + "): use a new study name");
        }
    }

    /**
     * Runs trials until {@code study} holds {@code target} COMPLETE trials (counting earlier runs' and other
     * workers'), starting at most {@code maxStarted} here.
     *
     * @return the trials started here
     */
    public int run(Study study, int target, int maxStarted) {
        return run(study, target, maxStarted, 1);
    }

    /**
     * As {@link #run(Study, int, int)} with {@code jobs} trials at once on threads of this process. With one job
     * the trials and their order are fixed by the sampler seed (a rerun gives the same study); with several, which
     * trials are RUNNING when the sampler asks — and so its draws, by the constant liar of {@link TpeSampler} —
     * depends on timing: a parallel study is not reproducible.
     */
    public int run(Study study, int target, int maxStarted, int jobs) {
        checkSameProtocol(study, protocol);
        return study.optimizeUntilComplete(this::evaluate, target, jobs, maxStarted);
    }

    /**
     * Runs trials {@code width} at a time until {@code study} holds {@code target} COMPLETE trials ({@link
     * Study#optimizeInRounds}: each round's trials are asked together, with TPE's constant liar keeping them apart,
     * and trained as one batched computation ({@link #evaluateRound}); a round starts only while fewer than
     * {@code maxStarted} trials started here). A seeded study gives the same trials whether or not it is killed and
     * resumed, as with one trial at a time. No trial is pruned: a round trains all its trials to their end.
     *
     * @return the trials started here
     */
    public int runInRounds(Study study, int target, int maxStarted, int width) {
        checkSameProtocol(study, protocol);
        return study.optimizeInRounds(this::evaluateRound, target, width, maxStarted);
    }

    /**
     * One round: suggest every trial's values, train all its runs as one batch (each run's result is what it gets
     * alone, whatever the other runs of the batch: {@link org.lookaheadlab.lab.train.BatchedTrainer}), report each
     * run's validation loss per epoch to its trial, and return each trial's objective; a diverged run fails its
     * trial. Runs whose optimizer has no batched rule are trained one after the other instead.
     */
    List<TrialOutcome> evaluateRound(List<Trial> trials) {
        List<Map<String, Double>> values = new ArrayList<>();
        List<TrainSpec> specs = new ArrayList<>();
        for (Trial trial : trials) {
            trial.setUserAttr(PROTOCOL_ATTR, protocol.text());
            Map<String, Double> v = suggest(trial);
            values.add(v);
            specs.add(specFor.apply(v));
        }
        List<TrainResult> results;
        try {
            results = trainer.trainBatch(data, specs, r -> reporting(trials.get(r)));
        } catch (IllegalArgumentException notBatched) {
            results = null;
        }
        List<TrialOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            try {
                TrainResult result = results != null ? results.get(i)
                        : trainer.train(data, specs.get(i), reporting(trial));
                outcomes.add(outcome(trial.number(), values.get(i), result));
            } catch (RuntimeException e) {
                outcomes.add(TrialOutcome.failed(e));
            }
        }
        return outcomes;
    }

    private static TrainListener reporting(Trial trial) {
        return new TrainListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                trial.report(m.validationLoss(), m.epoch());
            }
        };
    }

    private TrialOutcome outcome(int number, Map<String, Double> values, TrainResult result) {
        if (result.diverged()) {
            listener.diverged(number, values, result.message());
            return TrialOutcome.failed(new TrialDiverged(result.message()));
        }
        double value = objective.of(result.history());
        listener.completed(number, values, value);
        return TrialOutcome.of(value);
    }

    private Map<String, Double> suggest(Trial trial) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (SearchParam p : space.params()) {
            values.put(p.name(), trial.suggestFloat(p.name(), p.low(), p.high(), p.log()));
        }
        return values;
    }

    /** One trial: suggest, train, report and prune, return the objective. */
    double evaluate(Trial trial) {
        trial.setUserAttr(PROTOCOL_ATTR, protocol.text());
        Map<String, Double> values = suggest(trial);
        TrainSpec spec = specFor.apply(values);
        TrainResult result;
        try {
            result = trainer.train(data, spec, new TrainListener() {
                @Override
                public void onEpoch(EpochMetrics m) {
                    trial.report(m.validationLoss(), m.epoch());
                    if (!isLastEpoch(spec, m) && trial.shouldPrune()) {
                        throw new TrialPruned("pruned at epoch " + m.epoch());
                    }
                }
            });
        } catch (TrialPruned e) {
            listener.pruned(trial.number(), values, e.getMessage());
            throw e;
        }
        if (result.diverged()) {
            listener.diverged(trial.number(), values, result.message());
            throw new TrialDiverged(result.message());
        }
        double value = objective.of(result.history());
        listener.completed(trial.number(), values, value);
        return value;
    }

    /**
     * Whether {@code m} is the run's last evaluation: its last epoch, or (a run of {@code steps}) the epoch that
     * reached the last step. A run that got there is finished and never pruned.
     */
    static boolean isLastEpoch(TrainSpec spec, EpochMetrics m) {
        return spec.epochs() > 0 ? m.epoch() >= spec.epochs() : m.step() >= spec.steps();
    }
}
