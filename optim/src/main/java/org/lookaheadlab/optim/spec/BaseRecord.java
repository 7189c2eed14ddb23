package org.lookaheadlab.optim.spec;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.List;

/**
 * The registry record of a base optimizer: names, hyperparameters with defaults and ranges, and the factory that
 * configures its builder. The update rule is stated in the Javadoc of the optimizer class the factory builds.
 *
 * @param name canonical name
 * @param aliases other spellings
 * @param displayName name for reports
 * @param description one line
 * @param params hyperparameters, canonical order ({@code lr} first)
 * @param hasSlowWeights whether it keeps evaluation weights (Ranger: Lookahead's slow weights)
 * @param factory builds the optimizer
 */
public record BaseRecord(String name, List<String> aliases, String displayName, String description,
        List<Param> params, boolean hasSlowWeights, Factory factory) implements OptimizerRecord {

    /** Builds a base optimizer. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param values the hyperparameters (pass on only the given ones: {@code values.ifReal(...)})
         * @param lr a learning-rate tracker that drives the lr (a schedule around {@code values.real("lr")}), or
         *     null for the fixed lr
         * @throws IllegalArgumentException from the builder: field, value, accepted range
         */
        Optimizer create(Values values, ParameterTracker lr);
    }

    public BaseRecord {
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
    }

    @Override
    public Kind kind() {
        return Kind.BASE;
    }
}
