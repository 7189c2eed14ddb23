package org.lookaheadlab.lab.train;

import ai.djl.nn.ParameterList;

/**
 * Callbacks of {@link FairTrainer}. All methods default to doing nothing. An exception thrown from a callback
 * stops the run and propagates to the caller of {@code train} (a tuner uses this to prune a trial).
 */
public interface TrainListener {

    /** Does nothing. */
    TrainListener NONE = new TrainListener() {};

    /** The model is built and holds its initial (or resumed) weights; no step has run yet. */
    default void onStart(ParameterList parameters, long firstStep, long totalSteps) {}

    /** One optimizer step finished; {@code step} counts steps done so far, {@code loss} is the batch loss. */
    default void onStep(long step, long totalSteps, double loss) {}

    /** An epoch (or the final partial epoch of a steps-based run) was evaluated. */
    default void onEpoch(EpochMetrics metrics) {}
}
