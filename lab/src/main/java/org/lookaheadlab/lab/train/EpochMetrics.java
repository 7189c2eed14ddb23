package org.lookaheadlab.lab.train;

/**
 * What the trainer measured after one epoch (or evaluation point). Validation equals test when the data has no
 * separate validation split.
 *
 * @param epoch 1-based epoch index
 * @param step number of optimizer steps taken so far
 * @param elapsedSeconds training wall time so far (evaluation excluded)
 */
public record EpochMetrics(
        int epoch,
        long step,
        double trainLoss,
        double trainAccuracy,
        double validationLoss,
        double validationAccuracy,
        double testLoss,
        double testAccuracy,
        double elapsedSeconds) {}
