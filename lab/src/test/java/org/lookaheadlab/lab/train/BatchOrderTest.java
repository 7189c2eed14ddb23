package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.LabeledData;

/** The data order is a seeded permutation per epoch, and the epoch copy holds the rows in that order. */
class BatchOrderTest {

    @Test
    void everyEpochIsAPermutationDependingOnlyOnSeedAndEpoch() {
        long[] e0 = BatchOrder.permutation(3, 0, 50);
        long[] e1 = BatchOrder.permutation(3, 1, 50);
        assertArrayEquals(e0, BatchOrder.permutation(3, 0, 50));
        assertArrayEquals(e1, BatchOrder.permutation(3, 1, 50));
        assertFalse(Arrays.equals(e0, e1));
        assertFalse(Arrays.equals(e0, BatchOrder.permutation(4, 0, 50)));
        long[] sorted = e1.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        assertEquals(4, BatchOrder.stepsPerEpoch(40, 10));
        assertEquals(5, BatchOrder.stepsPerEpoch(41, 10));
    }

    @Test
    void gatheringTheEpochCopyPutsRowsInPermutationOrder() {
        double[][] x = new double[6][];
        int[] y = new int[6];
        for (int i = 0; i < 6; i++) {
            x[i] = new double[] {i, 10 * i};
            y[i] = i % 3;
        }
        long[] order = BatchOrder.permutation(7, 2, 6);
        try (NDManager m = NDManager.newBaseManager();
                TensorData data = TensorData.of(m, LabeledData.flat(x, y, 3), DataType.FLOAT32)) {
            NDArray gathered = data.features.get(m.create(order));
            NDArray labels = data.labels.get(m.create(order));
            float[] expected = new float[12];
            long[] expectedLabels = new long[6];
            for (int i = 0; i < 6; i++) {
                expected[2 * i] = order[i];
                expected[2 * i + 1] = 10 * order[i];
                expectedLabels[i] = order[i] % 3;
            }
            assertArrayEquals(expected, gathered.toFloatArray());
            assertArrayEquals(expectedLabels, labels.toLongArray());
        }
    }
}
