package org.lookaheadlab.lab.train;

import java.util.List;

/**
 * The outcome of one training run.
 *
 * @param history metrics of every evaluated epoch, in order (also the epochs before a resume)
 * @param status COMPLETED or DIVERGED
 * @param message human summary, e.g. {@code "completed 20 epochs (4000 steps)"} or
 *     {@code "diverged at epoch 3 step 250 (loss NaN)"}
 * @param trainSeconds wall time spent training (evaluation excluded), summed over resumed segments
 * @param finalMetrics the last entry of the history, or null when no epoch was evaluated
 * @param finalParameters the final (fast) weights in DJL's {@code saveParameters} format
 */
public record TrainResult(
        List<EpochMetrics> history,
        TrainStatus status,
        String message,
        double trainSeconds,
        EpochMetrics finalMetrics,
        byte[] finalParameters) {

    public TrainResult {
        history = List.copyOf(history);
    }

    public boolean diverged() {
        return status == TrainStatus.DIVERGED;
    }
}
