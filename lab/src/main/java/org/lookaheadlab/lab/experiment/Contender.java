package org.lookaheadlab.lab.experiment;

import java.util.Map;
import java.util.Objects;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * One optimizer in a comparison: a name, the optimizer (its hyperparameters outside the search space stay fixed)
 * and the search space its study tunes.
 *
 * @param name short identifier: letters, digits, {@code - _ .}; used in study names and file names
 * @param optimizer the optimizer with default values for the tuned hyperparameters
 * @param search the tuned hyperparameters
 */
public record Contender(String name, OptimizerSpec optimizer, SearchSpace search) {

    public Contender {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "contender name is '" + name + "', accepted: letters, digits, - _ . (starting with a letter or digit)");
        }
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(search, "search");
        search.validateFor(optimizer);
    }

    /** The optimizer with {@code values} of the search space applied ({@link SearchSpace#apply}). */
    public OptimizerSpec configured(Map<String, Double> values) {
        return SearchSpace.apply(optimizer, values);
    }
}
