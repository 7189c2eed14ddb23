package org.lookaheadlab.lab.train;

import org.lookaheadlab.optim.spec.OptimizerSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSplits;

/** Resuming from a checkpoint reproduces the uninterrupted run bit for bit. */
class CheckpointResumeTest {

    /** Small models: one intra-op thread is fast and immune to busy cores (see {@link EngineThreads}). */
    @org.junit.jupiter.api.BeforeAll
    static void singleThreaded() {
        EngineThreads.set(1);
    }

    private static final DataSplits DATA = TestData.splits(200, 60, 8, 3, 21);

    /** Lookahead(Adam) with k = 3 and 10 steps per epoch: the checkpoint at step 20 falls inside a cycle. */
    private static TrainSpec.Builder spec() {
        OptimizerSpec optimizer = OptimizerSpec.parse("lookahead(adam(lr=0.03),k=3,alpha=0.5)");
        return TrainSpec.builder().model("mlp:16").optimizer(optimizer).batchSize(20).seed(9).gradClip(0.5);
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsTheUninterruptedRun(@TempDir Path dir) throws IOException {
        TrainResult straight = new FairTrainer().train(DATA, spec().epochs(4).build(), TrainListener.NONE);

        TrainResult first = new FairTrainer().train(DATA, spec().epochs(2).checkpointDir(dir).build(),
                TrainListener.NONE);
        assertEquals(2, first.history().size());
        TrainResult resumed = new FairTrainer().train(DATA,
                spec().epochs(4).checkpointDir(dir).resume(true).build(), TrainListener.NONE);

        assertArrayEquals(straight.finalParameters(), resumed.finalParameters());
        assertEquals(4, resumed.history().size());
        for (int e = 0; e < 4; e++) {
            EpochMetrics a = straight.history().get(e);
            EpochMetrics b = resumed.history().get(e);
            assertEquals(a.step(), b.step());
            assertEquals(a.trainLoss(), b.trainLoss());
            assertEquals(a.testAccuracy(), b.testAccuracy());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(Checkpoints.FILE_NAME),
                    files.map(p -> p.getFileName().toString()).toList(), "no temporary files are left");
        }
    }

    @Test
    void refusesToResumeUnderOtherSettings(@TempDir Path dir) {
        new FairTrainer().train(DATA, spec().epochs(1).checkpointDir(dir).build(), TrainListener.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FairTrainer()
                .train(DATA, spec().epochs(2).batchSize(10).checkpointDir(dir).resume(true).build(),
                        TrainListener.NONE));
        assertTrue(e.getMessage().contains("was made with other settings"), e.getMessage());
    }

    @Test
    void refusesToResumeOnOtherDataNamingWhatDiffers(@TempDir Path dir) {
        new FairTrainer().train(DATA, spec().epochs(2).checkpointDir(dir).build(), TrainListener.NONE);

        DataSplits otherValues = TestData.splits(200, 60, 8, 3, 22); // same sizes and labels, other features
        IllegalArgumentException values = assertThrows(IllegalArgumentException.class, () -> new FairTrainer()
                .train(otherValues, spec().epochs(4).checkpointDir(dir).resume(true).build(), TrainListener.NONE));
        assertTrue(values.getMessage().contains("was made on other data: features CRC32 "), values.getMessage());
        assertFalse(values.getMessage().contains("size"), values.getMessage());
        assertFalse(values.getMessage().contains("labels"), values.getMessage());

        DataSplits fewerRows = TestData.splits(150, 60, 8, 3, 21);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> new FairTrainer()
                .train(fewerRows, spec().epochs(4).checkpointDir(dir).resume(true).build(), TrainListener.NONE));
        assertTrue(rows.getMessage().contains("train size 200 (now 150)"), rows.getMessage());

        DataSplits moreClasses = TestData.splits(200, 60, 8, 4, 21);
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class, () -> new FairTrainer()
                .train(moreClasses, spec().epochs(4).checkpointDir(dir).resume(true).build(), TrainListener.NONE));
        assertTrue(classes.getMessage().contains("classes 3 (now 4)"), classes.getMessage());
    }

    @Test
    void refusesToResumeFromACheckpointPastThisRunsTotalSteps(@TempDir Path dir) throws IOException {
        new FairTrainer().train(DATA, spec().epochs(4).checkpointDir(dir).build(), TrainListener.NONE);
        byte[] checkpoint = Files.readAllBytes(Checkpoints.file(dir));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FairTrainer()
                .train(DATA, spec().epochs(1).checkpointDir(dir).resume(true).build(), TrainListener.NONE));
        // 200 rows in batches of 20: 10 steps per epoch, so the 4-epoch checkpoint is at step 40
        assertTrue(e.getMessage().contains("is at step 40, past this run's total of 10 steps (1 epoch of 10 steps)"),
                e.getMessage());
        assertArrayEquals(checkpoint, Files.readAllBytes(Checkpoints.file(dir)), "the checkpoint is left as it was");

        TrainResult again = new FairTrainer().train(DATA, spec().epochs(4).checkpointDir(dir).resume(true).build(),
                TrainListener.NONE);
        assertEquals(4, again.history().size(), "a resume at exactly the run's end is still accepted");
    }

    @Test
    void resumeWithoutACheckpointStartsFresh(@TempDir Path dir) {
        TrainResult fresh = new FairTrainer().train(DATA, spec().epochs(1).build(), TrainListener.NONE);
        TrainResult resumed = new FairTrainer().train(DATA,
                spec().epochs(1).checkpointDir(dir.resolve("new")).resume(true).build(), TrainListener.NONE);
        assertArrayEquals(fresh.finalParameters(), resumed.finalParameters());
    }
}
