package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSources;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.Cifar10ReaderTest;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * The batch-norm statistics recomputed for averaged weights are torch's {@code update_bn} (the equal-weight mean
 * over batches of each batch's mean and unbiased variance, computed here in plain Java from the layer's input), and
 * the training statistics come back exactly.
 */
class BatchNormStatisticsTest {

    private static final int IN = 5;
    private static final int UNITS = 3;

    @Test
    void statisticsAreTheMeanOverBatchesOfEachBatchsMeanAndUnbiasedVarianceAndAreRestored() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(UNITS).build())
                    .add(BatchNorm.builder().optMomentum(0.7f).build());
            block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
            block.initialize(m, DataType.FLOAT64, new Shape(1, IN));
            int n = 14;
            int batch = 4; // batches of 4, 4, 4, 2: the last one counts as much as the others, as in torch
            double[] x = new double[n * IN];
            Random r = new Random(3);
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextGaussian() * 2 + 1;
            }
            NDArray features = m.create(x, new Shape(n, IN));
            ParameterStore store = new ParameterStore(m, false);
            // the training statistics before: move them away from their initial values with one training forward
            block.forward(store, new NDList(features), true);
            NDArray mean = parameter(block, Parameter.Type.RUNNING_MEAN);
            NDArray var = parameter(block, Parameter.Type.RUNNING_VAR);
            double[] meanBefore = mean.toDoubleArray();
            double[] varBefore = var.toDoubleArray();

            double[] w = parameter(block, Parameter.Type.WEIGHT).toDoubleArray(); // [UNITS, IN]
            double[] b = parameter(block, Parameter.Type.BIAS).toDoubleArray();
            double[] expectedMean = new double[UNITS];
            double[] expectedVar = new double[UNITS];
            int batches = 0;
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(start + batch, n);
                for (int u = 0; u < UNITS; u++) {
                    double[] h = new double[end - start];
                    for (int i = start; i < end; i++) {
                        double s = b[u];
                        for (int j = 0; j < IN; j++) {
                            s += w[u * IN + j] * x[i * IN + j];
                        }
                        h[i - start] = s;
                    }
                    double mu = Arrays.stream(h).average().orElseThrow();
                    double ss = Arrays.stream(h).map(v -> (v - mu) * (v - mu)).sum();
                    expectedMean[u] += mu;
                    expectedVar[u] += ss / (h.length - 1);
                }
                batches++;
            }
            for (int u = 0; u < UNITS; u++) {
                expectedMean[u] /= batches;
                expectedVar[u] /= batches;
            }

            TensorData train = new TensorData(features, m.zeros(new Shape(n), DataType.INT64), n);
            try (BatchNormStatistics.Restore restore = BatchNormStatistics.recompute(block, store, train, batch)) {
                assertArrayEquals(expectedMean, mean.toDoubleArray(), 1e-12);
                assertArrayEquals(expectedVar, var.toDoubleArray(), 1e-12);
                assertFalse(Arrays.equals(meanBefore, mean.toDoubleArray()));
            }
            assertArrayEquals(meanBefore, mean.toDoubleArray(), 0.0, "the training statistics come back exactly");
            assertArrayEquals(varBefore, var.toDoubleArray(), 0.0);
        }
    }

    @Test
    void aModelWithoutBatchNormIsLeftAsItIs() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(2).build());
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            assertFalse(BatchNormStatistics.present(block));
            NDArray f = m.ones(new Shape(4, 3));
            byte[] before = org.lookaheadlab.lab.model.InitialWeights.save(block);
            try (BatchNormStatistics.Restore restore = BatchNormStatistics.recompute(block,
                    new ParameterStore(m, false), new TensorData(f, m.zeros(new Shape(4), DataType.INT64), 4), 2)) {
                assertArrayEquals(before, org.lookaheadlab.lab.model.InitialWeights.save(block));
            }
        }
    }

    @Test
    void resnet18EvaluatedOnAnEmaLeavesTrainingAndItsStatisticsUntouched(@TempDir Path dir) throws Exception {
        Cifar10ReaderTest.writeBatch(dir.resolve("data_batch_1.bin"), 8);
        Cifar10ReaderTest.writeBatch(dir.resolve("test_batch.bin"), 4);
        DataSplits data = DataSources.load("cifar10:" + dir);
        OptimizerSpec ema = OptimizerSpec.parse("ema(sgd(lr=0.01,momentum=0.9),decay=0.5)");
        TrainResult training = run(data, ema, false);
        TrainResult averaged = run(data, ema, true);
        assertEquals(TrainStatus.COMPLETED, averaged.status(), averaged.message());
        // finalParameters holds every parameter, running statistics included
        assertArrayEquals(training.finalParameters(), averaged.finalParameters(),
                "evaluating on the EMA (with its batch-norm statistics recomputed) changed the training run");
        assertNotEquals(training.history().get(0).testLoss(), averaged.history().get(0).testLoss());
        assertTrue(Double.isFinite(averaged.history().get(0).testLoss()));
    }

    private static TrainResult run(DataSplits data, OptimizerSpec optimizer, boolean evalWeights) {
        return new FairTrainer().train(data, TrainSpec.builder().model("resnet18").optimizer(optimizer).epochs(2)
                .batchSize(4).seed(1).evalWeights(evalWeights).build(), TrainListener.NONE);
    }

    private static NDArray parameter(SequentialBlock block, Parameter.Type type) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == type) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no " + type);
    }
}
