package org.lookaheadlab.optim.spec;

import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * The registry record of a wrapper: names, hyperparameters with defaults and ranges, and the factory that
 * configures its builder around an inner optimizer. The update rule is stated in the Javadoc of the wrapper class
 * the factory builds.
 *
 * @param name canonical name
 * @param aliases other spellings
 * @param displayName name for reports
 * @param description one line
 * @param params hyperparameters, canonical order
 * @param hasSlowWeights whether it keeps evaluation weights
 * @param factory builds the optimizer
 */
public record WrapperRecord(String name, List<String> aliases, String displayName, String description,
        List<Param> params, boolean hasSlowWeights, Factory factory) implements OptimizerRecord {

    /** Builds a wrapper optimizer. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param values the hyperparameters (pass on only the given ones: {@code values.ifReal(...)})
         * @param inner the built inner optimizer
         * @param context what the build knows about the model and the run
         * @throws IllegalArgumentException from the builder: field, value, accepted range
         */
        Optimizer create(Values values, Optimizer inner, BuildContext context);
    }

    public WrapperRecord {
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
    }

    @Override
    public Kind kind() {
        return Kind.WRAPPER;
    }
}
