package org.lookaheadlab.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The mnist1d GRU (the engine's fused GRU kernel, one per direction) in float32 at the training batch size computes
 * what it computes in float64 ({@link ModelsForwardTest} checks float64 against the equations), also after NaN has
 * been left in freed memory (the trap of the engine's float32 convolution, {@link CnnFloat32Test}); and its
 * gradients are those of the forward pass: central finite differences in float64.
 */
class GruFloat32Test {

    private static final long[] SAMPLE = {40};

    private static Block gru(NDManager m, DataType dtype) {
        byte[] snapshot = InitialWeights.snapshot(ModelSpec.parse("gru"), SAMPLE, 10, 42, dtype);
        Block block = Models.create("gru", SAMPLE, 10);
        InitialWeights.load(block, m, snapshot, SAMPLE, dtype);
        return block;
    }

    private static NDArray logits(Block block, NDManager m, NDArray x, boolean training) {
        return block.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }

    @Test
    void float32LogitsOfABatchAgreeWithFloat64() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block single = gru(m, DataType.FLOAT32);
            Block dbl = gru(m, DataType.FLOAT64);
            NDArray x = m.randomUniform(-3, 3, new Shape(100, 40));
            NDArray expected = logits(dbl, m, x.toType(DataType.FLOAT64, false), false);
            NDArray actual = logits(single, m, x, true).toType(DataType.FLOAT64, false);
            double error = actual.sub(expected).abs().max().getDouble();
            double scale = expected.abs().max().getDouble();
            assertTrue(scale > 0.1, "logits too small to tell anything: " + scale);
            assertTrue(error < 1e-5, "float32 logits differ from float64 by " + error);
        }
    }

    @Test
    void forwardPassesAfterNanInFreedMemoryAreFinite() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = gru(m, DataType.FLOAT32);
            int nan = 0;
            for (int round = 0; round < 20; round++) {
                for (int i = 1; i < 400; i++) {
                    m.full(new Shape(i * 37 % 50_000 + 1), Float.NaN).close();
                }
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.randomUniform(-1, 1, new Shape(100, 40));
                    if (logits(block, step, x, round % 2 == 0).isNaN().any().getBoolean()) {
                        nan++;
                    }
                }
            }
            assertEquals(0, nan, "forward passes with NaN logits out of 20");
        }
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
