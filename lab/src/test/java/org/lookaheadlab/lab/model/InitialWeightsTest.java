package org.lookaheadlab.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The initial weights follow PyTorch's Linear/Conv default U(±1/√fan_in) and depend only on the seed. */
class InitialWeightsTest {

    @Test
    void sameSeedGivesIdenticalSnapshotsAndAnotherSeedDoesNot() {
        byte[] a = InitialWeights.snapshot("mlp", new long[] {40}, 10, 7);
        byte[] b = InitialWeights.snapshot("mlp", new long[] {40}, 10, 7);
        byte[] c = InitialWeights.snapshot("mlp", new long[] {40}, 10, 8);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void valuesAreUniformWithinOneOverSqrtFanIn() {
        byte[] snapshot = InitialWeights.snapshot(ModelSpec.parse("cnn"), new long[] {40}, 10, 3, DataType.FLOAT64);
        Block block = Models.create("cnn", new long[] {40}, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            InitialWeights.load(block, m, snapshot, new long[] {40}, DataType.FLOAT64);
            for (Pair<String, Parameter> p : block.getParameters()) {
                double[] v = p.getValue().getArray().toDoubleArray();
                // fan_in: conv 1→25 k5: 5; conv 25→25 k3: 75; Linear 125→10: 125
                double fanIn;
                if (p.getKey().contains("Linear")) {
                    fanIn = 125;
                } else if (p.getKey().startsWith("02")) { // the first convolution
                    fanIn = 5;
                } else {
                    fanIn = 75;
                }
                double bound = 1 / Math.sqrt(fanIn);
                double max = Arrays.stream(v).map(Math::abs).max().orElseThrow();
                assertTrue(max <= bound, p.getKey() + " max |w| " + max + " > " + bound);
                if (v.length >= 125) {
                    // U(−b, b) has variance b²/3; with ≥125 draws the sample variance is within 35 %
                    double var = Arrays.stream(v).map(x -> x * x).average().orElseThrow();
                    assertEquals(bound * bound / 3, var, 0.35 * bound * bound / 3, p.getKey());
                    assertTrue(max > 0.9 * bound, p.getKey());
                }
            }
        }
    }

    /** PyTorch's nn.GRU draws every weight and bias from U(±1/√hidden), not from the fan-in of the tensor. */
    @Test
    void gruTensorsAreUniformWithinOneOverSqrtHidden() {
        byte[] snapshot = InitialWeights.snapshot(ModelSpec.parse("gru"), new long[] {40}, 10, 3, DataType.FLOAT64);
        Block block = Models.create("gru", new long[] {40}, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            InitialWeights.load(block, m, snapshot, new long[] {40}, DataType.FLOAT64);
            double gruMax = 0;
            int gruTensors = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                double[] v = p.getValue().getArray().toDoubleArray();
                double max = Arrays.stream(v).map(Math::abs).max().orElseThrow();
                boolean gru = p.getKey().contains("Gru");
                double bound = 1 / Math.sqrt(gru ? 6 : 480);
                assertTrue(max <= bound, p.getKey() + " max |w| " + max + " > " + bound);
                if (gru) {
                    gruTensors++;
                    gruMax = Math.max(gruMax, max);
                }
            }
            assertEquals(8, gruTensors, "W_ih, W_hh, b_ih, b_hh of two directions");
            // 324 draws from U(±0.408): the largest is above 0.9 of the bound (fan-in 1 would give bounds of 1)
            assertTrue(gruMax > 0.9 / Math.sqrt(6), "largest GRU value " + gruMax);
        }
    }
}
