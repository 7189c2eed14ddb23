package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.ScheduleSpec;

/** Learning-rate schedules in {@link OptimizerSpec} and through the {@link FairTrainer}, checkpoint included. */
class ScheduledTrainingTest {

    @BeforeAll
    static void singleThreaded() {
        EngineThreads.set(1);
    }

    /** 200 training rows, batch 20: 10 steps per epoch. */
    private static final DataSplits DATA = TestData.splits(200, 60, 8, 3, 21);


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
