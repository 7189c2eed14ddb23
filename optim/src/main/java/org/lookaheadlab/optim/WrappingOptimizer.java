package org.lookaheadlab.optim;

import ai.djl.training.optimizer.Optimizer;

/** An optimizer that delegates each step to an inner optimizer and post-processes the weights. */
public interface WrappingOptimizer {

    /** The wrapped optimizer. */
    Optimizer inner();
}
