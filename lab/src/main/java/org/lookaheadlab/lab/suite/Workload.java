package org.lookaheadlab.lab.suite;

import java.util.List;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.Protocol;
import org.lookaheadlab.lab.model.ModelSpec;

/**
 * One workload of a suite: data, model and its own protocol; the contenders are the suite's.
 *
 * @param name workload name (also its run subfolder and the prefix of its study names)
 * @param description one line for listings
 * @param data the data and validation split
 * @param model the architecture
 * @param protocol how every contender is tuned and retrained on it
 */
public record Workload(String name, String description, DataSpec data, ModelSpec model, Protocol protocol) {

    public Workload {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("workload name is '" + name
                    + "', accepted: lower-case letters, digits and - (starting with a letter or digit)");
        }
    }

    /** The comparison of {@code contenders} (the first is the baseline) on this workload. */
    public Experiment experiment(List<Contender> contenders) {
        return new Experiment("suite-" + name, null, data, model, protocol, contenders);
    }

    /** A copy with another protocol. */
    public Workload withProtocol(Protocol p) {
        return new Workload(name, description, data, model, p);
    }
}
