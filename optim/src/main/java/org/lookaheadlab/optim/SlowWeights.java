package org.lookaheadlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.util.Optional;

/**
 * Read access to the slow weights of a Lookahead-style optimizer, and a way to evaluate the model on them.
 * Only parameters this optimizer has updated at least once are concerned.
 */
public interface SlowWeights {

    /**
     * Copies every seen parameter's slow weights into its live weight tensor, keeping the fast weights aside.
     *
     * @return a handle whose {@code close()} restores the fast weights exactly
     */
    SlowWeightsSwap swapInSlowWeights();

    /**
     * The slow weights of a parameter (first device if several), or empty if the parameter was never updated.
     * The returned array is owned by the optimizer: read it, do not modify or close it.
     */
    Optional<NDArray> slowWeight(String parameterId);

    /**
     * Finds the slow weights of {@code optimizer}, looking through wrappers ({@link WrappingOptimizer}).
     *
     * @return the outermost {@link SlowWeights} in the chain, or empty if there is none
     */
    static Optional<SlowWeights> find(Optimizer optimizer) {
        return WrappingOptimizer.find(optimizer, SlowWeights.class);
    }
}
