package org.lookaheadlab.lab.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.model.BatchedModels;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.ScheduleSpec;

/**
 * A comparison: dataset + model + protocol + contenders. The first contender is the baseline of the paired
 * tests.
 *
 * @param name experiment name, prefix of the study names ({@code <name>/<contender>})
 * @param preset preset it came from, or null
 * @param data the data: a {@code --data} source (e.g. {@code mnist1d:num-samples=12500}) and its validation split
 * @param model the architecture
 * @param protocol how every contender is tuned and retrained
 * @param contenders at least one, distinct names
 */
public record Experiment(
        String name, String preset, DataSpec data, ModelSpec model, Protocol protocol, List<Contender> contenders) {

    public Experiment {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("experiment name is '" + name
                    + "', accepted: letters, digits, - _ . (starting with a letter or digit)");
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(protocol, "protocol");
        contenders = List.copyOf(contenders);
        if (contenders.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least 1 contender, got 0");
        }
        Set<String> names = new HashSet<>();
        for (Contender c : contenders) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("contender name '" + c.name() + "' is used twice");
            }
        }
    }

    public Experiment withProtocol(Protocol p) {
        return new Experiment(name, preset, data, model, p, contenders);
    }

    public Experiment withData(DataSpec d) {
        return new Experiment(name, preset, d, model, protocol, contenders);
    }

    public Experiment withModel(ModelSpec m) {
        return new Experiment(name, preset, data, m, protocol, contenders);
    }

    /** A copy whose contenders with evaluation weights are evaluated on them ({@link Contender#onEvaluationWeights}). */
    public Experiment onEvaluationWeights() {
        return withContenders(contenders.stream().map(Contender::onEvaluationWeights).toList());
    }

    /** A copy with other contenders (the first is the baseline). */
    public Experiment withContenders(List<Contender> cs) {
        return new Experiment(name, preset, data, model, protocol, cs);
    }

    /**
     * A copy whose every contender's base optimizer follows learning-rate schedule {@code schedule}
     * ({@link OptimizerSpec#withSchedule}; wrappers such as Lookahead are kept). Each contender is validated again
     * ({@link Contender}): a cosine's final lr must not exceed any lr the contender can be trained at, its
     * default lr and the low end of its lr search range.
     *
     * @param schedule the schedule, its horizon normally "the run" (each run's total steps); null for a constant lr
     * @throws IllegalArgumentException naming the contender and what does not fit
     */
    public Experiment withSchedule(ScheduleSpec schedule) {
        List<Contender> cs = new ArrayList<>();
        for (Contender c : contenders) {
            try {
                cs.add(new Contender(c.name(), c.optimizer().withSchedule(schedule), c.search(), c.evalWeights()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("contender " + c.name() + " with schedule " + schedule + ": "
                        + e.getMessage(), e);
            }
        }
        return withContenders(cs);
    }

    /**
     * Checks that every contender's optimizer builds for every run of the protocol on {@code trainSize} training
     * rows (e.g. a warm-up must end before the run does). Runs last {@code epochs × ceil(trainSize / batchSize)}
     * steps, so the shortest is the one at the largest batch size of the protocol and its sweep.
     *
     * @throws IllegalArgumentException the builder's message, with the shortest run's steps and its batch size
     */
    public void checkScheduleFits(int trainSize) {
        int largest = protocol.batchSize();
        for (int b : protocol.batchSizes()) {
            largest = Math.max(largest, b);
        }
        long shortest = protocol.epochs() * ((trainSize + (long) largest - 1) / largest);
        for (Contender c : contenders) {
            try {
                c.optimizer().build(BuildContext.of(id -> null, shortest));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("contender " + c.name() + " does not fit the shortest run ("
                        + shortest + " steps at batch size " + largest + "): " + e.getMessage(), e);
            }
        }
    }

    /**
     * The learning-rate schedule of the contenders' base optimizers as the report shows it: {@code none}, the one
     * schedule they share ("steps=run": each run's total steps), or {@code name: schedule} per contender.
     */
    public String scheduleDescription() {
        Set<String> distinct = new LinkedHashSet<>();
        for (Contender c : contenders) {
            distinct.add(describe(c.optimizer().schedule()));
        }
        if (distinct.size() == 1) {
            return distinct.iterator().next();
        }
        List<String> parts = new ArrayList<>();
        for (Contender c : contenders) {
            parts.add(c.name() + ": " + describe(c.optimizer().schedule()));
        }
        return String.join("; ", parts);
    }

    /** E.g. {@code cosine(lrMin=0, steps=run)}: every value, the horizon "run" when it is each run's length. */
    static String describe(ScheduleSpec s) {
        if (s == null) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        s.values().forEach((k, v) -> {
            if (!k.equals("totalSteps")) {
                parts.add(k + "=" + s.record().param(k).orElseThrow().text(v));
            }
        });
        if (s.values().containsKey("totalSteps")) {
            parts.add("steps=" + (s.annealsOverTheRun() ? "run" : s.values().get("totalSteps")));
        }
        return s.name() + "(" + String.join(", ", parts) + ")";
    }

    /**
     * The run of contender {@code c} with tuned {@code values} at {@code batchSize}, from seed {@code seed}
     * (initial weights and data order), for the protocol's epochs.
     */
    public TrainSpec.Builder run(Contender c, Map<String, Double> values, int batchSize, long seed) {
        return TrainSpec.builder().model(model).optimizer(c.configured(values)).epochs(protocol.epochs())
                .batchSize(batchSize).seed(seed).evalWeights(c.evalWeights());
    }

    /**
     * What contender {@code c}'s tuning trials measure ({@link StudyProtocol}): the data, its run at the tuning
     * seed, objective, search space, sampler and its seed, pruner — not the number of trials or verdict seeds.
     */
    public StudyProtocol studyProtocol(Contender c) {
        return studyProtocol(c, 0);
    }

    /** The protocol of contender {@code c}'s tuning study {@code s}: its own sampler seed and tuning seed. */
    public StudyProtocol studyProtocol(Contender c, int s) {
        Protocol p = protocol;
        return StudyProtocol.of(data, run(c, Map.of(), p.batchSize(), p.tuneSeed(s)).build(), p.objective(),
                c.search(), p.sampler(), p.samplerSeed(s), p.pruner(), tuneBatch());
    }

    /**
     * How many trials of a study are asked and trained together: the protocol's {@link Protocol#tuneBatch}, or 1
     * for a model without a batched form ({@link BatchedModels#supports}).
     */
    public int tuneBatch() {
        return BatchedModels.supports(model) ? protocol.tuneBatch() : 1;
    }

    /**
     * The study name of one contender: {@code <experiment>/<contender>@<fingerprint>}, the fingerprint being
     * the {@link StudyProtocol#hash() hash} of its {@link #studyProtocol}. So a restart with more trials resumes
     * the study, while a different protocol in a shared storage (e.g. PostgreSQL) starts a fresh one instead of
     * mixing incomparable trials.
     */
    public String studyName(Contender c) {
        return studyName(c, 0);
    }

    /** The name of contender {@code c}'s tuning study {@code s} (0-based; study 0 is {@link #studyName(Contender)}). */
    public String studyName(Contender c, int s) {
        return name + "/" + c.name() + "@" + studyProtocol(c, s).hash();
    }
}
