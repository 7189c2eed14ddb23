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
        double elapsedSeconds) {

    /** Metrics of an evaluation of the validation split only ({@link TrainSpec#validationOnly}): the rest NaN. */
    public static EpochMetrics validationOnly(int epoch, long step, double validationLoss, double validationAccuracy,
            double elapsedSeconds) {
        return new EpochMetrics(epoch, step, Double.NaN, Double.NaN, validationLoss, validationAccuracy, Double.NaN,
                Double.NaN, elapsedSeconds);
    }
}
