package org.lookaheadlab.optim.wrap;

import ai.djl.training.optimizer.Optimizer;

/**
 * Builder base of the wrappers.
 *
 * @param <T> the concrete builder
 */
public abstract class WrapperBuilder<T extends WrapperBuilder<T>> extends Optimizer.OptimizerBuilder<T> {

    Optimizer inner;

    /** The wrapped optimizer (required): ours or any DJL optimizer. */
    public T setInner(Optimizer inner) {
        if (inner == null) {
            throw new IllegalArgumentException("inner = null is out of range; accepted: an Optimizer");
        }
        this.inner = inner;
        return self();
    }
}
