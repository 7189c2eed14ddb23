package org.lookaheadlab.lab.report;

import org.lookaheadlab.lab.stats.BudgetCurve;
import org.lookaheadlab.lab.stats.MeanInterval;
import org.lookaheadlab.lab.stats.PairedTest;
import org.lookaheadlab.lab.stats.PairedVerdict;

/**
 * The verdict numbers of one contender.
 *
 * @param name contender name
 * @param label optimizer description
 * @param completeTrials tuning trials that completed
 * @param failedTrials tuning trials that failed (diverged or errored)
 * @param prunedTrials tuning trials that were pruned
 * @param completedSeeds verdict runs that completed
 * @param divergedSeeds verdict runs that diverged
 * @param objective mean and 95% CI of the objective over completed verdict runs, null when none completed
 * @param testAccuracy mean and 95% CI of the final test accuracy, null when none completed
 * @param testLoss mean and 95% CI of the final test loss, null when none completed
 * @param objectiveVerdict the objective against the baseline ({@link PairedVerdict}: test, Holm-adjusted p,
 *     bootstrap interval, effect size, detectable difference), null for the baseline itself or when no seed
 *     completed on both sides
 * @param accuracyVsBaseline paired test of the test accuracy against the baseline, null likewise
 * @param budget expected best objective after n = 1…N of its complete tuning trials, null without any
 */
public record ContenderStats(
        String name,
        String label,
        int completeTrials,
        int failedTrials,
        int prunedTrials,
        int completedSeeds,
        int divergedSeeds,
        MeanInterval objective,
        MeanInterval testAccuracy,
        MeanInterval testLoss,
        PairedVerdict objectiveVerdict,
        PairedTest accuracyVsBaseline,
        BudgetCurve budget) {

    /** The t-test of the objective against the baseline ({@link PairedVerdict#test}), or null. */
    public PairedTest objectiveVsBaseline() {
        return objectiveVerdict == null ? null : objectiveVerdict.test();
    }

    /**
     * The objective test's p-value, Holm-adjusted over all contenders compared with the baseline (equal to the
     * raw p-value when there is one comparison); NaN for the baseline or an undefined test.
     */
    public double adjustedP() {
        return objectiveVerdict == null ? Double.NaN : objectiveVerdict.adjustedP();
    }
}
