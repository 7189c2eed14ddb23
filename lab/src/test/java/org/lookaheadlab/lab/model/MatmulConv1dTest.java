package org.lookaheadlab.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MatmulConv1d} against the convolution computed directly in float64 loops (the definition), forward and
 * backward, in float32 and float64, at the mnist1d CNN's shapes (the 25 → 25 channel layer is the one the engine's
 * own float32 convolution gets wrong on AVX-512 machines).
 */
class MatmulConv1dTest {

    private static final int B = 4;
    private static final int C = 25;
    private static final int L = 19;
    private static final int F = 25;
    private static final int K = 3;
    private static final int S = 2;
    private static final int P = 1;
    private static final int T = (L + 2 * P - K) / S + 1;

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    /** x_pad[b][c][i] with zeros outside the input. */
    private static double xp(double[] x, int b, int c, int i) {
        int at = i - P;
        return at < 0 || at >= L ? 0 : x[(b * C + c) * L + at];
    }

    @Test
    void forwardAndGradientsEqualTheDirectComputation() {
        for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double tol = dtype == DataType.FLOAT32 ? 1e-4 : 1e-12;
            double[] x = random(B * C * L, 1);
            double[] w = random(F * C * K, 2);
            double[] bias = random(F, 3);
            double[] g = random(B * F * T, 4); // the upstream gradient: loss = Σ g ⊙ y

            double[] y = new double[B * F * T];
            double[] dw = new double[F * C * K];
            double[] dx = new double[B * C * L];
            for (int b = 0; b < B; b++) {
                for (int f = 0; f < F; f++) {
                    for (int t = 0; t < T; t++) {
                        double sum = bias[f];
                        double up = g[(b * F + f) * T + t];
                        for (int c = 0; c < C; c++) {
                            for (int j = 0; j < K; j++) {
                                int i = S * t + j;
                                sum += w[(f * C + c) * K + j] * xp(x, b, c, i);
                                dw[(f * C + c) * K + j] += up * xp(x, b, c, i);
                                if (i - P >= 0 && i - P < L) {
                                    dx[(b * C + c) * L + i - P] += up * w[(f * C + c) * K + j];
                                }
                            }
                        }
                        y[(b * F + f) * T + t] = sum;
                    }
                }
            }

            try (NDManager m = NDManager.newBaseManager()) {
                MatmulConv1d conv = new MatmulConv1d(F, K, S, P);
                conv.initialize(m, dtype, new Shape(B, C, L));
                conv.getParameters().get("weight").getArray().set(m.create(w).toType(dtype, false).toByteBuffer());
                conv.getParameters().get("bias").getArray().set(m.create(bias).toType(dtype, false).toByteBuffer());
                NDArray input = m.create(x, new Shape(B, C, L)).toType(dtype, false);
                input.setRequiresGradient(true);
                NDArray upstream = m.create(g, new Shape(B, F, T)).toType(dtype, false);
                NDArray out;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    out = conv.forward(new ParameterStore(m, false), new NDList(input), true).singletonOrThrow();
                    collector.backward(out.mul(upstream).sum());
                }
                assertEquals(new Shape(B, F, T), out.getShape());
                assertArrayEquals(y, doubles(out), tol, dtype + " forward");
                assertArrayEquals(dw, doubles(conv.getParameters().get("weight").getArray().getGradient()), tol,
                        dtype + " d/dweight");
                assertArrayEquals(dx, doubles(input.getGradient()), tol, dtype + " d/dinput");
            }
        }
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
