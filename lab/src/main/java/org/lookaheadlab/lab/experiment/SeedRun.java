package org.lookaheadlab.lab.experiment;

import java.util.List;
import org.lookaheadlab.lab.train.EpochMetrics;

/**
 * One retraining of a contender's best configuration with one verdict seed (the seed fixes initial weights and
 * data order, the same for every contender).
 *
 * @param seed verdict seed
 * @param batchSize batch size of this run
 * @param status COMPLETED or DIVERGED
 * @param message divergence reason, or null
 * @param objective the protocol's objective on this run's history (NaN when diverged)
 * @param history per-epoch metrics
 * @param trainSeconds training wall time
 */
public record SeedRun(
        long seed,
        int batchSize,
        String status,
        String message,
        double objective,
        List<EpochMetrics> history,
        double trainSeconds) {

    public SeedRun {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public boolean completed() {
        return "COMPLETED".equals(status) && Double.isFinite(objective) && !history.isEmpty();
    }

    /** Test accuracy after the last epoch, NaN without history. */
    public double finalTestAccuracy() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testAccuracy();
    }

    /** Test loss after the last epoch, NaN without history. */
    public double finalTestLoss() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testLoss();
    }
}
