/**
 * Batched runs: R independent runs of one model shape trained as one computation, every parameter with a leading
 * run axis. {@link org.lookaheadlab.optim.batched.BatchedOptimizers#create} makes the
 * {@link org.lookaheadlab.optim.batched.BatchedOptimizer} of R optimizer specs; the batched form of each optimizer's
 * rule is the nested class {@code Batched} beside its solo class in {@code base} and {@code wrap}, built on
 * {@link org.lookaheadlab.optim.batched.BatchedBase} / {@link org.lookaheadlab.optim.batched.BatchedWrapper}.
 */
package org.lookaheadlab.optim.batched;
