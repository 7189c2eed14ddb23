package org.lookaheadlab.optim;

/**
 * Handle returned by {@link SlowWeights#swapInSlowWeights()}: while open, the model's parameters hold the slow
 * weights; {@link #close()} puts the fast weights back exactly.
 */
public interface SlowWeightsSwap extends AutoCloseable {

    /** Restores the fast weights (bit-exact). Idempotent. */
    @Override
    void close();
}
