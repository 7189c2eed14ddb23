package org.lookaheadlab.lab.train;

import org.lookaheadlab.optim.spec.OptimizerSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.ScheduleSpec;

/** Learning-rate schedules in {@link OptimizerSpec} and through the {@link FairTrainer}, checkpoint included. */
class ScheduledTrainingTest {

    @BeforeAll
    static void singleThreaded() {
        EngineThreads.set(1);
    }

    /** 200 training rows, batch 20: 10 steps per epoch. */
    private static final DataSplits DATA = TestData.splits(200, 60, 8, 3, 21);

    /** Runs {@code steps} updates of a float64 scalar (w₀ = 1) with gradient {@code g}. */
    private static double run(Optimizer o, double g, int steps) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new double[] {1.0});
            for (int t = 0; t < steps; t++) {
                try (NDArray grad = m.create(new double[] {g})) {
                    o.update("w", w, grad);
                }
            }
            return w.getDouble();
        }
    }

    @Test
    void theSpecsScheduleDrivesTheBuiltOptimizer() {
        // step: lr 0.1, 0.1, 0.1, 0.05, 0.05 on g = 2
        OptimizerSpec step = OptimizerSpec.of("sgd", 0.1).withSchedule(ScheduleSpec.parse("step(stepSize=3,gamma=0.5)"));
        assertEquals(1 - 2 * 0.4, run(step.build(run(5)), 2.0, 5), 1e-15);
        // cosine over the run's 4 steps from 0.4 to 0: lr 0.4, 0.2(1 + √½), 0.2, 0.2(1 − √½), sum 1
        OptimizerSpec cosine = OptimizerSpec.of("sgd", 0.4).withSchedule(ScheduleSpec.parse("cosine"));
        assertEquals(1 - 1.0, run(cosine.build(run(4)), 1.0, 4), 1e-15);
        // warm-up over 2 steps to 0.4, then cosine over the remaining 2: 0.2, 0.4, 0.4, 0.2
        OptimizerSpec warm = OptimizerSpec.of("sgd", 0.4).withSchedule(ScheduleSpec.parse("warmup-cosine(warmupSteps=2)"));
        assertEquals(1 - 1.2, run(warm.build(run(4)), 1.0, 4), 1e-15);
    }

    @Test
    void aScheduleOverTheRunNeedsTheRunsLength() {
        OptimizerSpec cosine = OptimizerSpec.of("adam", 0.01).withSchedule(ScheduleSpec.parse("cosine"));
        String message = assertThrows(IllegalArgumentException.class, cosine::build).getMessage();
        assertTrue(message.contains("run"), message);
        assertEquals("adam(lr=0.01,schedule=cosine(totalSteps=40))",
                cosine.withSchedule(cosine.schedule().overRun(40)).format());
        ScheduleSpec step = ScheduleSpec.parse("step(stepSize=5,gamma=0.5)");
        assertEquals(step, step.overRun(40), "a step schedule does not depend on the run's length");
    }

    @Test
    void badSchedulesNameFieldValueAndRange() {
        assertNames(message(() -> ScheduleSpec.parse("linear")), "linear", "cosine", "step", "warmup-cosine");
        assertNames(message(() -> ScheduleSpec.parse("step(stepSize=0,gamma=0.5)")), "stepSize", "0");
        assertNames(message(() -> ScheduleSpec.parse("step(stepSize=5,gamma=0)")), "gamma", "1");
        assertNames(message(() -> ScheduleSpec.parse("warmup-cosine(warmupSteps=0)")), "warmupSteps", "1");
        assertNames(message(() -> ScheduleSpec.parse("cosine(lrMin=-1)")), "lrMin", "-1");
        assertNames(message(() -> OptimizerSpec.of("sgd", 0.1).withSchedule(ScheduleSpec.parse("cosine(lrMin=0.5)"))),
                "lrMin", "0.5", "0.1");
        assertNames(message(() -> OptimizerSpec.of("sgd", 0.1)
                .withSchedule(ScheduleSpec.parse("warmup-cosine(warmupSteps=10)")).build(run(10))), "warmupSteps", "10");
    }

    private static void assertNames(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), part + " in: " + message);
        }
        assertFalse(message.contains("\n"), "one line: " + message);
    }

    /** A build context for a run of {@code steps} steps (no layers needed). */
    private static BuildContext run(long steps) {
        return BuildContext.of(id -> null, steps);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    /**
     * Lookahead(SGD with momentum, reset) under warm-up + cosine: the reset restarts SGD's step t at every sync but
     * not the schedule's step, and both come back from the checkpoint.
     */
    private static TrainSpec.Builder scheduled() {
        OptimizerSpec optimizer = OptimizerSpec.parse("lookahead(sgd(lr=0.2,momentum=0.9,"
                + "schedule=warmup-cosine(warmupSteps=7,lrMin=0.01)),k=3,alpha=0.5,innerState=reset)");
        return TrainSpec.builder().model("mlp:16").optimizer(optimizer).batchSize(20).seed(9).epochs(4);
    }

    /** Stands for a killed process: fails after the checkpoint of epoch {@code epoch} is written. */
    private static TrainListener crashAfterEpoch(int epoch) {
        return new TrainListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                if (metrics.epoch() == epoch) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
    }

    @Test
    void aResumedScheduledRunEqualsTheUninterruptedOne(@TempDir Path dir) {
        TrainResult straight = new FairTrainer().train(DATA, scheduled().build(), TrainListener.NONE);
        TrainResult constant = new FairTrainer().train(DATA,
                scheduled().optimizer(scheduled().build().optimizer().withSchedule(null)).build(), TrainListener.NONE);
        assertFalse(Arrays.equals(straight.finalParameters(), constant.finalParameters()),
                "the schedule changes the run");

        assertThrows(IllegalStateException.class, () -> new FairTrainer().train(DATA,
                scheduled().checkpointDir(dir).build(), crashAfterEpoch(2)));
        TrainResult resumed = new FairTrainer().train(DATA, scheduled().checkpointDir(dir).resume(true).build(),
                TrainListener.NONE);

        assertArrayEquals(straight.finalParameters(), resumed.finalParameters());
        assertEquals(4, resumed.history().size());
        for (int e = 0; e < 4; e++) {
            assertEquals(straight.history().get(e).trainLoss(), resumed.history().get(e).trainLoss());
        }
    }

    @Test
    void resumingUnderAnotherHorizonIsRefused(@TempDir Path dir) {
        new FairTrainer().train(DATA, scheduled().epochs(2).checkpointDir(dir).build(), TrainListener.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FairTrainer()
                .train(DATA, scheduled().checkpointDir(dir).resume(true).build(), TrainListener.NONE));
        assertTrue(e.getMessage().contains("was made with other settings"), e.getMessage());
    }

    @Test
    void aStepScheduleMayBeExtendedByResuming(@TempDir Path dir) {
        OptimizerSpec adam = OptimizerSpec.of("adam", 0.03).withSchedule(ScheduleSpec.parse("step(stepSize=15,gamma=0.5)"));
        TrainSpec.Builder b = TrainSpec.builder().model("mlp:16").optimizer(adam).batchSize(20).seed(3);
        TrainResult straight = new FairTrainer().train(DATA, b.epochs(4).build(), TrainListener.NONE);
        new FairTrainer().train(DATA, b.epochs(2).checkpointDir(dir).build(), TrainListener.NONE);
        TrainResult resumed = new FairTrainer().train(DATA, b.epochs(4).checkpointDir(dir).resume(true).build(),
                TrainListener.NONE);
        assertArrayEquals(straight.finalParameters(), resumed.finalParameters());
    }
}
