package org.lookaheadlab.tune.samplers.tpe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

/**
 * Splits the history into TPE's "below" (good) and "above" (bad) groups, single objective:
 * <ol>
 * <li>n = number of COMPLETE and PRUNED trials (the current trial excluded), n_below = gamma(n);</li>
 * <li>COMPLETE trials sorted by value (best first): the first min(n_below, #complete) are below;</li>
 * <li>the rest of n_below is filled from PRUNED trials sorted by (−last step, last value) (a NaN value counts
 *     as +∞, negated values when maximising, a trial with no values last);</li>
 * <li>above = every other COMPLETE and PRUNED trial, plus (constant liar) every other RUNNING trial;</li>
 * <li>both groups in trial-number order (the order sets the observation weights); the history must be given
 *     ordered by number.</li>
 * </ol>
 * FAIL trials are ignored.
 */
public record TrialSplit(List<FrozenTrial> below, List<FrozenTrial> above) {

    /**
     * Splits {@code history} (ordered by trial number) for the trial {@code currentTrialId}. Runs in
     * O(n log n) on primitive arrays: only the below group is selected by value; the above group keeps the
     * history's order.
     */
    public static TrialSplit of(List<FrozenTrial> history, long currentTrialId, StudyDirection direction,
                                boolean constantLiar) {
        int size = history.size();
        double sign = direction == StudyDirection.MAXIMIZE ? -1 : 1;
        double[] completeValues = new double[size];
        int nComplete = 0;
        List<FrozenTrial> pruned = new ArrayList<>();
        for (FrozenTrial t : history) {
            if (t.trialId() == currentTrialId) {
                continue;
            }
            if (t.state() == TrialState.COMPLETE) {
                completeValues[nComplete++] = sign * t.value();
            } else if (t.state() == TrialState.PRUNED) {
                pruned.add(t);
            }
        }
        int nBelow = TpeDefaults.gamma(nComplete + pruned.size());
        int fromComplete = Math.min(nBelow, nComplete);
        // the fromComplete smallest signed values are below; ties at the threshold go to the lowest numbers
        double threshold = Double.NEGATIVE_INFINITY;
        int strictlyBelow = 0;
        if (fromComplete > 0) {
            double[] smallest = smallest(completeValues, nComplete, fromComplete);
            threshold = smallest[fromComplete - 1];
            for (double v : smallest) {
                if (v < threshold) {
                    strictlyBelow++;
                }
            }
        }
        int tiesLeft = fromComplete - strictlyBelow;
        pruned.sort(Comparator.<FrozenTrial>comparingDouble(t -> t.intermediateValues().isEmpty() ? 1 : -t.lastStep())
                .thenComparingDouble(t -> prunedValue(t, sign)));
        int fromPruned = Math.min(nBelow - fromComplete, pruned.size());
        Set<FrozenTrial> prunedBelow = Collections.newSetFromMap(new IdentityHashMap<>());
        prunedBelow.addAll(pruned.subList(0, fromPruned));
        List<FrozenTrial> below = new ArrayList<>(nBelow);
        List<FrozenTrial> above = new ArrayList<>(size);
        for (FrozenTrial t : history) {
            if (t.trialId() == currentTrialId) {
                continue;
            }
            switch (t.state()) {
                case COMPLETE -> {
                    double v = sign * t.value();
                    if (v < threshold) {
                        below.add(t);
                    } else if (v == threshold && tiesLeft > 0) {
                        below.add(t);
                        tiesLeft--;
                    } else {
                        above.add(t);
                    }
                }
                case PRUNED -> (prunedBelow.contains(t) ? below : above).add(t);
                case RUNNING -> {
                    if (constantLiar) {
                        above.add(t);
                    }
                }
                default -> { }
            }
        }
        return new TrialSplit(below, above);
    }

    /** The k smallest of values[0, n), ascending (insertion into a sorted array of k; k ≤ 25 here). */
    static double[] smallest(double[] values, int n, int k) {
        double[] best = new double[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (size == k && !(v < best[k - 1])) {
                continue;
            }
            int j = size == k ? k - 1 : size++;
            while (j > 0 && best[j - 1] > v) {
                best[j] = best[j - 1];
                j--;
            }
            best[j] = v;
        }
        return best;
    }

    private static double prunedValue(FrozenTrial t, double sign) {
        if (t.intermediateValues().isEmpty()) {
            return 0;
        }
        double v = t.intermediateValues().lastEntry().getValue();
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : sign * v;
    }

    /** True for the states TPE learns from. */
    static boolean finished(FrozenTrial t) {
        return t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED;
    }
}
