package org.lookaheadlab.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSources;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * The NQM as a training workload: the model starts at x = 1, its loss is ½ Σ hᵢ (xᵢ − cᵢ)² averaged over a batch
 * (hᵢ = 1/i), the {@code nqm} data are draws with variance hᵢ, and training with SGD brings the validation loss to
 * the least loss any point can have on the validation draws, ½ Σ hᵢ · (variance of cᵢ over them).
 */
class NqmModelTest {

    @Test
    void theLossOfTheStartingPointIsTheQuadratic() {
        long[] sample = {4};
        byte[] snapshot = InitialWeights.snapshot(ModelSpec.of("nqm"), sample, 1, 3, DataType.FLOAT64);
        Block block = Models.create("nqm", sample, 1);
        double[][] c = {{0.5, -1, 2, 0}, {1, 1, 1, 1}, {-0.25, 0.75, 0, 3}};
        double expected = 0;
        for (double[] row : c) {
            for (int i = 0; i < 4; i++) {
                expected += 0.5 / (i + 1) * (1 - row[i]) * (1 - row[i]);
            }
        }
        expected /= c.length;
        try (NDManager m = NDManager.newBaseManager()) {
            InitialWeights.load(block, m, snapshot, sample, DataType.FLOAT64);
            NDArray x = m.create(new double[] {0.5, -1, 2, 0, 1, 1, 1, 1, -0.25, 0.75, 0, 3}, new Shape(3, 4));
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            double loss = ((OwnLoss) block).loss().evaluate(new NDList(m.zeros(new Shape(3))), new NDList(out))
                    .getDouble();
            assertEquals(expected, loss, 1e-12);
        }
    }

    @Test
    void sgdReachesTheLeastValidationLossOfThePoint() {
        DataSplits data = DataSources.load("nqm:dim=5,train=2000,test=500,seed=3");
        LabeledData test = data.test();
        assertEquals(5, test.sampleSize());
        double floor = 0;
        for (int i = 0; i < 5; i++) {
            double mean = 0;
            double sq = 0;
            for (double[] row : test.features()) {
                mean += row[i];
                sq += row[i] * row[i];
            }
            mean /= test.size();
            double variance = sq / test.size() - mean * mean;
            floor += 0.5 / (i + 1) * variance;
            assertEquals(1.0 / (i + 1), variance, 0.2 / (i + 1), "draws have variance h_i");
        }
        TrainSpec spec = TrainSpec.builder().model("nqm").optimizer(OptimizerSpec.of("sgd", 0.5)).epochs(10)
                .batchSize(100).initSeed(1).build();
        TrainResult r = new FairTrainer().train(data, spec, TrainListener.NONE);
        double start = r.history().get(0).testLoss();
        double end = r.finalMetrics().testLoss();
        assertTrue(Double.isNaN(r.finalMetrics().testAccuracy()), "no classes, no accuracy");
        assertTrue(end >= floor - 1e-9, "below the least possible loss: " + end + " < " + floor);
        assertTrue(end < floor * 1.03, "final " + end + " vs least " + floor + " (start " + start + ")");
    }
}
