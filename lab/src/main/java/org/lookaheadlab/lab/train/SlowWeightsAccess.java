package org.lookaheadlab.lab.train;

import ai.djl.training.optimizer.Optimizer;
import org.lookaheadlab.optim.SlowWeights;
import org.lookaheadlab.optim.SlowWeightsSwap;

/** Finds the Lookahead-family slow weights of an optimizer (looking through wrappers) and swaps them in. */
final class SlowWeightsAccess {

    private SlowWeightsAccess() {}

    /** Swaps the slow weights into the model; closing the handle restores the fast weights exactly. */
    static SlowWeightsSwap swapIn(Optimizer optimizer) {
        SlowWeights slow = SlowWeights.find(optimizer).orElseThrow(() -> new IllegalArgumentException(
                "eval-slow needs an optimizer with slow weights (Lookahead, TrajectoryLookahead, Ranger), got "
                        + optimizer.getClass().getSimpleName()));
        return slow.swapInSlowWeights();
    }
}
