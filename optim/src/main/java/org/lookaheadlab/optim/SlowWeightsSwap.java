package org.lookaheadlab.optim;

/**
 * Handle returned by {@link SlowWeights#swapInSlowWeights()}: an {@link EvaluationWeights.Swap} under its older
 * name. While open, the model's parameters hold the slow (evaluation) weights; {@link #close()} puts the training
 * weights back exactly.
 */
public interface SlowWeightsSwap extends EvaluationWeights.Swap {}
