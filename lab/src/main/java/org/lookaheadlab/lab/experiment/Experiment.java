package org.lookaheadlab.lab.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lookaheadlab.lab.model.ModelSpec;

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
     * The study name of one contender: {@code <experiment>/<contender>@<fingerprint>}. The fingerprint (8 hex
     * digits of SHA-256) covers everything that changes what a trial measures — data, model, epochs, batch size,
     * objective, sampler and its seed, tuning seed, pruner, the optimizer and its search space — but not the
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
