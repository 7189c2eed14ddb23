package org.lookaheadlab.tune.pruners;

/**
 * {@link PercentilePruner} at the 50th percentile: prune a trial whose best intermediate value is worse than
 * the median of the COMPLETE trials at the same step. Defaults: 5 startup trials, 0 warm-up steps,
 * interval 1, at least 1 trial at the step.
 */
public final class MedianPruner extends PercentilePruner {

    /** Optuna's defaults. */
    public MedianPruner() {
        this(5, 0, 1, 1);
    }

    public MedianPruner(int nStartupTrials, int nWarmupSteps, int intervalSteps) {
        this(nStartupTrials, nWarmupSteps, intervalSteps, 1);
    }

    public MedianPruner(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
        super(50.0, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }
}
