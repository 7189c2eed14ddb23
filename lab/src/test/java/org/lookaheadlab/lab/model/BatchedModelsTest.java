package org.lookaheadlab.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every batched model against the solo model it stacks: run r's logits, for its own rows and for rows shared by
 * all runs, equal the solo model's logits with run r's initial weights (float64), and run r's parameter slices are
 * its solo initial weights exactly.
 */
class BatchedModelsTest {

    private static final long[] SAMPLE = {40};
    private static final int CLASSES = 10;
    private static final int BATCH = 4;

    @Test
    void eachRunComputesWhatItsSoloModelComputes() {
        for (String name : BatchedModels.NAMES) {
            check(ModelSpec.parse(name.equals("mlp") ? "mlp:12,7" : name), 3);
        }
    }

    private static void check(ModelSpec spec, int runs) {
        List<byte[]> snapshots = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            snapshots.add(InitialWeights.snapshot(spec, SAMPLE, CLASSES, 100 + r, DataType.FLOAT64));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block batched = BatchedModels.create(spec, runs, SAMPLE, CLASSES);
            BatchedModels.load(batched, m, snapshots, spec, SAMPLE, CLASSES, DataType.FLOAT64);
            SplittableRandom random = new SplittableRandom(7);
            double[] own = new double[runs * BATCH * 40];
            for (int i = 0; i < own.length; i++) {
                own[i] = random.nextGaussian();
            }
            NDArray x = m.create(own, new Shape(runs, BATCH, 40));
            NDArray perRun = forward(batched, m, x);
            NDArray shared = forward(batched, m, x.get(0).expandDims(0));
            assertEquals(new Shape(runs, BATCH, CLASSES), perRun.getShape(), spec.toString());
            for (int r = 0; r < runs; r++) {
                Block solo = Models.create(spec, SAMPLE, CLASSES);
                InitialWeights.load(solo, m, snapshots.get(r), SAMPLE, DataType.FLOAT64);
                for (int p = 0; p < BatchedModels.parameters(solo).size(); p++) {
                    assertArrayEquals(BatchedModels.parameters(solo).get(p).getArray().toDoubleArray(),
                            BatchedModels.parameters(batched).get(p).getArray().get(r).toDoubleArray(), 0,
                            spec + " parameter " + p + " run " + r);
                }
                assertClose(forward(solo, m, x.get(r)).toDoubleArray(), perRun.get(r).toDoubleArray(), spec + " run " + r);
                assertClose(forward(solo, m, x.get(0)).toDoubleArray(), shared.get(r).toDoubleArray(),
                        spec + " shared rows, run " + r);
            }
            byte[] saved = BatchedModels.save(batched, 1, loaded(spec, m, snapshots.get(0)));
            assertArrayEquals(snapshots.get(1), saved, spec + ": run 1 saved as a solo snapshot");
        }
    }

    private static Block loaded(ModelSpec spec, NDManager m, byte[] snapshot) {
        Block solo = Models.create(spec, SAMPLE, CLASSES);
        InitialWeights.load(solo, m, snapshot, SAMPLE, DataType.FLOAT64);
        return solo;
    }

    private static NDArray forward(Block block, NDManager m, NDArray x) {
        return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), what + " entry " + i);
        }
    }
}
