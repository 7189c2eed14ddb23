package org.lookaheadlab.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The mnist1d GRU's gradients are those of its forward pass: the engine's backward pass against central finite
 * differences in float64 ({@link Float32ModelsTest} checks its float32 forward pass).
 */
class GruGradientTest {

    private static Block gru(NDManager m, DataType dtype) {
        return Float32ModelsTest.model("gru", m, dtype);
    }

    private static NDArray logits(Block block, NDManager m, NDArray x, boolean training) {
        return Float32ModelsTest.logits(block, m, x, training);
    }

    /** d(Σ logits · c)/dθ from the engine's backward pass against (f(θ + ε) − f(θ − ε)) / 2ε, in float64. */
    @Test
    void gradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = gru(m, DataType.FLOAT64);
            SplittableRandom random = new SplittableRandom(9);
            double[] xs = new double[4 * 40];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = 2 * random.nextDouble() - 1;
            }
            NDArray x = m.create(xs, new Shape(4, 40));
            NDArray c = m.randomNormal(new Shape(4, 10)).toType(DataType.FLOAT64, false);
            for (Pair<String, Parameter> p : block.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                gc.backward(logits(block, m, x, true).mul(c).sum());
            }
            int checked = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (!p.getKey().contains("Gru")) {
                    continue;
                }
                NDArray w = p.getValue().getArray();
                double[] grad = w.getGradient().toDoubleArray();
                double[] values = w.toDoubleArray();
                for (int i = 0; i < values.length; i += 5) {
                    double eps = 1e-6;
                    double up = objective(block, m, x, c, w, values, i, eps);
                    double down = objective(block, m, x, c, w, values, i, -eps);
                    w.set(java.nio.DoubleBuffer.wrap(values));
                    double numeric = (up - down) / (2 * eps);
                    assertEquals(numeric, grad[i], 1e-6 * Math.max(1, Math.abs(numeric)), p.getKey() + "[" + i + "]");
                    checked++;
                }
            }
            assertTrue(checked > 60, "checked " + checked + " GRU gradient entries");
        }
    }

    private static double objective(Block block, NDManager m, NDArray x, NDArray c, NDArray w, double[] values,
            int index, double delta) {
        double[] moved = values.clone();
        moved[index] += delta;
        w.set(java.nio.DoubleBuffer.wrap(moved));
        try (NDManager step = m.newSubManager()) {
            return logits(block, step, x, false).mul(c).sum().getDouble();
        }
    }
}
