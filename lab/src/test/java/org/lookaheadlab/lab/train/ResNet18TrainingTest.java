package org.lookaheadlab.lab.train;

import org.lookaheadlab.optim.spec.OptimizerSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.Cifar10ReaderTest;
import org.lookaheadlab.lab.data.DataSources;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.model.InitialWeights;
import org.lookaheadlab.lab.model.ModelSpec;

/** ResNet-18 trains a few steps on a synthetic file in the CIFAR-10 binary format. */
class ResNet18TrainingTest {

    @Test
    void resnet18RunsAFewStepsOnSyntheticCifar(@TempDir Path dir) throws Exception {
        Cifar10ReaderTest.writeBatch(dir.resolve("data_batch_1.bin"), 8);
        Cifar10ReaderTest.writeBatch(dir.resolve("test_batch.bin"), 4);
        DataSplits data = DataSources.load("cifar10:" + dir);
        List<Double> losses = new ArrayList<>();
        TrainSpec spec = TrainSpec.builder().model("resnet18").optimizer(OptimizerSpec.of("sgd", 0.01)
                .with("momentum", 0.9)).steps(3).batchSize(4).seed(1).evalEachEpoch(false).build();
        TrainResult r = new FairTrainer().train(data, spec, new TrainListener() {
            @Override
            public void onStep(long step, long totalSteps, double loss) {
                losses.add(loss);
            }
        });
        assertEquals(TrainStatus.COMPLETED, r.status(), r.message());
        assertEquals(3, losses.size());
        losses.forEach(l -> assertTrue(Double.isFinite(l) && l > 0, "loss " + l));
        assertEquals(1, r.history().size());
        assertTrue(Double.isFinite(r.finalMetrics().testLoss()));
        byte[] initial = InitialWeights.snapshot(ModelSpec.of("resnet18"), new long[] {3, 32, 32}, 10, 1,
                ai.djl.ndarray.types.DataType.FLOAT32);
        assertFalse(Arrays.equals(initial, r.finalParameters()), "the weights moved");
    }
}
