package org.lookaheadlab.tune.pruners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

/**
 * Prunes a trial whose best intermediate value so far is worse than the P-th percentile of the COMPLETE
 * trials' values at the same step (Optuna's PercentilePruner). For a trial whose latest step is s:
 * <ol>
 * <li>fewer than {@code nStartupTrials} COMPLETE trials (or none) → keep;</li>
 * <li>no step reported, or s &lt; {@code nWarmupSteps} → keep;</li>
 * <li>interval gate: p = floor((s − warmup)/interval)·interval + warmup; evaluate only if the previous
 *     reported step is &lt; p;</li>
 * <li>best = min (max when maximising) of the trial's values, NaN ignored; all NaN → prune;</li>
 * <li>ref = percentile P (100 − P when maximising) with linear interpolation over the COMPLETE trials that
 *     reported step s, NaN ignored; fewer than {@code nMinTrials} such values → keep;</li>
 * <li>prune iff best is worse than ref.</li>
 * </ol>
 */
public class PercentilePruner implements Pruner {

    private final double percentile;
    private final int nStartupTrials;
    private final int nWarmupSteps;
    private final int intervalSteps;
    private final int nMinTrials;

    public PercentilePruner(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps,
                            int nMinTrials) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException(
                    "Percentile must be between 0 and 100 inclusive, but got percentile=" + percentile + ".");
        }
        if (nStartupTrials < 0) {
            throw new IllegalArgumentException(
                    "Number of startup trials cannot be negative, but got n_startup_trials=" + nStartupTrials + ".");
        }
        if (nWarmupSteps < 0) {
            throw new IllegalArgumentException(
                    "Number of warmup steps cannot be negative, but got n_warmup_steps=" + nWarmupSteps + ".");
        }
        if (intervalSteps < 1) {
            throw new IllegalArgumentException(
                    "Pruning interval steps must be at least 1, but got interval_steps=" + intervalSteps + ".");
        }
        if (nMinTrials < 1) {
            throw new IllegalArgumentException(
                    "Number of trials for pruning must be at least 1, but got n_min_trials=" + nMinTrials + ".");
        }
        this.percentile = percentile;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
        this.nMinTrials = nMinTrials;
    }

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        List<FrozenTrial> complete = new ArrayList<>();
        for (FrozenTrial t : study.trials()) {
            if (t.state() == TrialState.COMPLETE) {
                complete.add(t);
            }
        }
        if (complete.isEmpty() || complete.size() < nStartupTrials) {
            return false;
        }
        int step = trial.lastStep();
        if (step < 0 || step < nWarmupSteps) {
            return false;
        }
        int pruneStep = Math.floorDiv(step - nWarmupSteps, intervalSteps) * intervalSteps + nWarmupSteps;
        Integer previous = trial.intermediateValues().lowerKey(step);
        if (previous != null && previous >= pruneStep) {
            return false;
        }
        StudyDirection dir = study.direction();
        double best = Double.NaN;
        for (double v : trial.intermediateValues().values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || dir.isBetter(v, best))) {
                best = v;
            }
        }
        if (Double.isNaN(best)) {
            return true;
        }
        double[] values = complete.stream()
                .map(t -> t.intermediateValues().get(step))
                .filter(v -> v != null && !Double.isNaN(v))
                .mapToDouble(Double::doubleValue).toArray();
        if (values.length < nMinTrials) {
            return false;
        }
        double p = dir == StudyDirection.MAXIMIZE ? 100 - percentile : percentile;
        return dir.isBetter(percentile(values, p), best);
    }

    /** Percentile with linear interpolation between order statistics (Hyndman–Fan type 7, numpy's default). */
    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
}
