package org.lookaheadlab.lab.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.OptimizerSpec;

/**
 * A comparison: dataset + model + protocol + contenders. The first contender is the baseline of the paired
 * tests.
 *
 * @param name experiment name, prefix of the study names ({@code <name>/<contender>})
 * @param preset preset it came from, or null
 * @param data data source as the CLI's {@code --data} accepts it, e.g. {@code mnist1d:num-samples=12500}
 * @param model the architecture
 * @param protocol how every contender is tuned and retrained
 * @param contenders at least one, distinct names
 */
public record Experiment(
        String name, String preset, String data, ModelSpec model, Protocol protocol, List<Contender> contenders) {

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

    public Experiment withData(String d) {
        return new Experiment(name, preset, d, model, protocol, contenders);
    }

    public Experiment withModel(ModelSpec m) {
        return new Experiment(name, preset, data, m, protocol, contenders);
    }

    /** A copy with other contenders (the first is the baseline). */
    public Experiment withContenders(List<Contender> cs) {
        return new Experiment(name, preset, data, model, protocol, cs);
    }

    /**
     * A copy whose every contender's base optimizer follows learning-rate schedule {@code schedule}
     * ({@link OptimizerSpec#withSchedule}; wrappers such as Lookahead are kept). A cosine or warmup-cosine final lr
     * must not exceed any lr a contender can be trained at: its default lr and the low end of an lr search range.
     *
     * @param schedule the schedule, its horizon normally "the run" (each run's total steps); null for a constant lr
     */
    public Experiment withSchedule(OptimizerSpec.ScheduleSettings schedule) {
        List<Contender> cs = new ArrayList<>();
        for (Contender c : contenders) {
            if (schedule != null && !schedule.kind().equals("step")) {
                for (SearchParam sp : c.search().params()) {
                    if (sp.name().equals("lr") && schedule.lrMin() > sp.low()) {
                        throw new IllegalArgumentException("lr min is " + schedule.lrMin() + ", accepted range: [0, "
                                + "lowest lr of contender " + c.name() + "'s search space = " + sp.low() + "]");
                    }
                }
            }
            cs.add(new Contender(c.name(), c.optimizer().withSchedule(schedule), c.search()));
        }
        return withContenders(cs);
    }

    /**
     * Checks that every contender's schedule fits every run of the protocol on {@code trainSize} training rows:
     * a warm-up must end before the run does. Runs last {@code epochs × ceil(trainSize / batchSize)} steps, so
     * the shortest is the one at the largest batch size of the protocol and its sweep.
     *
     * @throws IllegalArgumentException naming the warm-up, the shortest run's steps and its batch size
     */
    public void checkScheduleFits(int trainSize) {
        int largest = protocol.batchSize();
        for (int b : protocol.batchSizes()) {
            largest = Math.max(largest, b);
        }
        long shortest = protocol.epochs() * ((trainSize + (long) largest - 1) / largest);
        for (Contender c : contenders) {
            OptimizerSpec.ScheduleSettings s = c.optimizer().schedule();
            if (s != null && s.kind().equals("warmup-cosine") && s.totalSteps() == 0 && s.warmupSteps() >= shortest) {
                throw new IllegalArgumentException("lr warmup steps is " + s.warmupSteps() + ", accepted range: "
                        + "below the run's total steps (" + shortest + " at batch size " + largest + ")");
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

    private static String describe(OptimizerSpec.ScheduleSettings s) {
        return s == null ? "none" : s.toString();
    }

    /**
     * The study name of one contender: {@code <experiment>/<contender>@<fingerprint>}. The fingerprint (8 hex
     * digits of SHA-256) covers everything that changes what a trial measures — data, model, epochs, batch size,
     * objective, sampler and its seed, tuning seed, pruner, the optimizer (with its learning-rate schedule) and its
     * search space — but not the
     * number of trials or verdict seeds. So a restart with more trials resumes the study, while a different
     * protocol in a shared storage (e.g. PostgreSQL) starts a fresh one instead of mixing incomparable trials.
     */
    public String studyName(Contender c) {
        Protocol p = protocol;
        String key = String.join("|", data, model.name(), Arrays.toString(model.hiddenSizes()),
                String.valueOf(p.epochs()), String.valueOf(p.batchSize()), p.objective().cliName(), p.sampler(),
                String.valueOf(p.samplerSeed()), String.valueOf(p.tuneSeed()), p.pruner(), c.optimizer().toString(),
                c.search().toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return name + "/" + c.name() + "@" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
