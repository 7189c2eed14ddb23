package org.lookaheadlab.lab.suite;

import java.util.OptionalDouble;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.report.ComparisonAnalysis;
import org.lookaheadlab.lab.report.TimeToTarget;

/**
 * How one workload of a suite ended: its comparison's result and verdict, or why it failed (an error, or no verdict
 * run of any contender completed, e.g. every trial diverged).
 *
 * @param workload the workload
 * @param result its comparison, null when it stopped with an error
 * @param analysis the verdict of {@code result}, null likewise
 * @param error the error that stopped it, null when it ran to the end
 */
public record WorkloadOutcome(Workload workload, ExperimentResult result, ComparisonAnalysis analysis, String error) {

    /** A workload that stopped with {@code error}. */
    public static WorkloadOutcome failed(Workload workload, String error) {
        return new WorkloadOutcome(workload, null, null, error);
    }

    /** Why the workload has no verdict, or null when it has one. */
    public String failure() {
        if (error != null) {
            return error;
        }
        boolean anyCompleted = result.contenders().stream().flatMap(c -> c.seedRuns().stream())
                .anyMatch(SeedRun::completed);
        if (!anyCompleted) {
            return "no contender completed a verdict run (every tuning trial or verdict run diverged)";
        }
        return null;
    }

    /** Whether the workload has a verdict. */
    public boolean ok() {
        return failure() == null;
    }

    /**
     * The suite's validation-loss target on this workload: the largest, over the contenders with a completed verdict
     * run, of their median final validation loss, i.e. the level the weakest contender's typical run ends at. With
     * an odd number of verdict seeds every contender's median run reaches it (by the end at the latest) unless runs
     * diverged, so the profile compares how soon, not whether; empty when no verdict run completed.
     */
    public OptionalDouble target() {
        if (result == null) {
            return OptionalDouble.empty();
        }
        OptionalDouble worst = OptionalDouble.empty();
        for (ContenderResult c : result.contenders()) {
            double[] finals = c.seedRuns().stream().filter(SeedRun::completed)
                    .mapToDouble(r -> r.history().get(r.history().size() - 1).validationLoss()).sorted().toArray();
            if (finals.length == 0) {
                continue;
            }
            int n = finals.length;
            double median = n % 2 == 1 ? finals[n / 2] : (finals[n / 2 - 1] + finals[n / 2]) / 2;
            if (worst.isEmpty() || median > worst.getAsDouble()) {
                worst = OptionalDouble.of(median);
            }
        }
        return worst;
    }

    /** Median time to target of contender {@code index}, steps or seconds, +∞ for a missed target. */
    public double timeToTarget(int index, boolean seconds) {
        ContenderResult c = result.contenders().get(index);
        double t = TimeToTarget.medianCountingMisses(c, target().orElseThrow(), seconds);
        return Double.isNaN(t) ? Double.POSITIVE_INFINITY : t; // no completed run: it did not reach the target
    }
}
