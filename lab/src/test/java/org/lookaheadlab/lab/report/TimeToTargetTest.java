package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.train.EpochMetrics;

/** Time to target on hand-made histories. */
class TimeToTargetTest {

    /** A run whose validation loss per epoch is {@code losses}; epoch e ends at step 10·e, second e. */
    private static SeedRun run(long seed, double... losses) {
        List<EpochMetrics> h = new java.util.ArrayList<>();
        for (int e = 1; e <= losses.length; e++) {
            h.add(new EpochMetrics(e, 10L * e, 0, 0, losses[e - 1], 0, 0, 0, e));
        }
        return new SeedRun(seed, 10, "COMPLETED", null, losses[losses.length - 1], h, losses.length);
    }

    private static ContenderResult contender(String name, SeedRun... runs) {
        return new ContenderResult(name, name, "s", "lr=1:2", List.of(), java.util.Map.of(), 1.0, List.of(runs),
                List.of());
    }

    @Test
    void theTargetIsTheBaselinesMedianFinalLossAndEachRunsFirstEpochBelowIt() {
        ContenderResult base = contender("base", run(1, 3, 2, 1.5), run(2, 3, 2.5, 1.2), run(3, 2, 1.9, 1.0));
        ContenderResult fast = contender("fast", run(1, 1.1, 1.0, 0.9), run(2, 1.3, 1.2, 1.1), run(3, 2, 2, 2));
        ExperimentResult result = new ExperimentResult(SyntheticResults.twoContenders("x", "X", new double[] {1}, new double[] {1}, List.of()).setup(), List.of(base, fast), "t", 1);
        assertEquals(1.2, TimeToTarget.defaultTarget(result).getAsDouble());
        TimeToTarget t = TimeToTarget.of(result, 1.2);
        // base: run 2 at epoch 3 (1.2 ≤ 1.2), run 3 at epoch 3; run 1 never (1.5)
        assertEquals(new TimeToTarget.Summary("base", 2, 3, 30, 3), t.contenders().get(0));
        // fast: run 1 at epoch 1, run 2 at epoch 2; run 3 never
        assertEquals(new TimeToTarget.Summary("fast", 2, 3, 15, 1.5), t.contenders().get(1));
        assertTrue(Double.isNaN(TimeToTarget.of(result, 0.1).contenders().get(0).medianSteps()), "nobody reaches it");
    }
}
