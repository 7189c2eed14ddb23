package org.lookaheadlab.lab.train;

import org.lookaheadlab.optim.spec.OptimizerSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;

/** Evaluating on the slow weights measures them and leaves training untouched. */
class SlowWeightEvaluationTest {

    /** Small models: one intra-op thread is fast and immune to busy cores (see {@link EngineThreads}). */
    @org.junit.jupiter.api.BeforeAll
    static void singleThreaded() {
        EngineThreads.set(1);
    }

    private static final DataSplits DATA = TestData.splits(200, 60, 8, 3, 31);

    private static TrainResult run(OptimizerSpec optimizer, boolean evalSlow) {
        return new FairTrainer().train(DATA, TrainSpec.builder().model("mlp:16").optimizer(optimizer).epochs(3)
                .batchSize(20).seed(4).evalSlow(evalSlow).build(), TrainListener.NONE);
    }

    @Test
    void fastWeightsAreRestoredAfterEachSlowEvaluation() {
        // k = 4 and 10 steps per epoch: at every epoch end the fast weights are 2 steps past the slow ones
        OptimizerSpec lookahead = OptimizerSpec.parse("lookahead(adam(lr=0.03),k=4,alpha=0.5)");
        TrainResult fast = run(lookahead, false);
        TrainResult slow = run(lookahead, true);
        assertArrayEquals(fast.finalParameters(), slow.finalParameters(),
                "evaluation on slow weights changed the training trajectory");
        assertNotEquals(fast.history().get(0).testLoss(), slow.history().get(0).testLoss(),
                "slow-weight evaluation must measure other weights than the fast ones");
    }

    @Test
    void withSyncEveryStepTheSlowWeightsAreTheFastWeights() {
        // k = 1: θ ← slow after every step, so both evaluations see the same weights
        OptimizerSpec everyStep = OptimizerSpec.parse("lookahead(adam(lr=0.03),k=1,alpha=0.5)");
        TrainResult fast = run(everyStep, false);
        TrainResult slow = run(everyStep, true);
        for (int e = 0; e < 3; e++) {
            assertEquals(fast.history().get(e).testLoss(), slow.history().get(e).testLoss(), 1e-7);
            assertEquals(fast.history().get(e).trainAccuracy(), slow.history().get(e).trainAccuracy());
        }
    }

    @Test
    void evalSlowNeedsAnOptimizerWithSlowWeights() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainSpec.builder()
                .optimizer(OptimizerSpec.of("adam", 1e-3)).evalSlow(true).build());
        assertEquals("eval-slow is set but Adam has no evaluation (slow) weights, accepted only with Ranger, "
                + "AdamWScheduleFree, SGDScheduleFree, Lookahead, TrajectoryLookahead, EMA, SWA, ScheduleFree",
                e.getMessage());
    }
}
