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
 * @param evalWeights whether its runs are evaluated on the optimizer's evaluation weights (Lookahead's slow
 *     weights, an EMA/SWA average, schedule-free's x) rather than the training weights; the optimizer must keep
 *     them
 */
public record Contender(String name, OptimizerSpec optimizer, SearchSpace search, boolean evalWeights) {

    /** A contender evaluated on its training weights. */
    public Contender(String name, OptimizerSpec optimizer, SearchSpace search) {
        this(name, optimizer, search, false);
    }

    public Contender {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "contender name is '" + name + "', accepted: letters, digits, - _ . (starting with a letter or digit)");
        }
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(search, "search");
        search.validateFor(optimizer);
        if (evalWeights && !optimizer.hasSlowWeights()) {
            throw new IllegalArgumentException("contender " + name + " is to be evaluated on its evaluation weights, "
                    + "but " + optimizer.label() + " keeps none");
        }
    }

    /** A copy evaluated on its evaluation weights when its optimizer keeps them (unchanged otherwise). */
    public Contender onEvaluationWeights() {
        return optimizer.hasSlowWeights() ? new Contender(name, optimizer, search, true) : this;
    }

    /** The optimizer's label, with the weights its runs are evaluated on when those are not the training weights. */
    public String label() {
        return optimizer.label() + (evalWeights ? " [evaluated on its evaluation weights]" : "");
    }

    /** The optimizer with {@code values} of the search space applied ({@link SearchSpace#apply}). */
    public OptimizerSpec configured(Map<String, Double> values) {
        return SearchSpace.apply(optimizer, values);
    }
}
