package org.lookaheadlab.optim;

import ai.djl.training.optimizer.Optimizer;
import java.util.Optional;

/** An optimizer that delegates each step to an inner optimizer and post-processes the weights. */
public interface WrappingOptimizer {

    /** The wrapped optimizer. */
    Optimizer inner();

    /**
     * The outermost optimizer of type {@code type} in the chain that starts at {@code optimizer} and goes inward
     * through {@link #inner()}: the one place the wrapper chain is searched.
     */
    static <T> Optional<T> find(Optimizer optimizer, Class<T> type) {
        Optimizer current = optimizer;
        while (current != null) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            current = current instanceof WrappingOptimizer w ? w.inner() : null;
        }
        return Optional.empty();
    }
}
