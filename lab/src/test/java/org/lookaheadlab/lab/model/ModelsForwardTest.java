package org.lookaheadlab.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The forward pass of each mnist1d model against the architecture of {@code specs/mnist1d.md} §6.3 (the
 * greydanus/mnist1d {@code LinearBase}, {@code MLPBase}, {@code ConvBase}, {@code GRUBase}) written out here in plain Java:
 * the same weights must give the same logits. Parameter counts alone cannot tell a missing residual, a
 * misplaced ReLU, a wrong stride or padding, or a position-major flatten from the real thing.
 */
class ModelsForwardTest {

    private static final int BATCH = 3;
    private static final int LENGTH = 40;
    private static final int CLASSES = 10;

    @Test
    void logisticRegressionIsOneLinearLayer() {
        check("logistic", (p, x) -> linear(p.get(0), p.get(1), x));
    }

    @Test
    void defaultMlpIsOneHiddenLayerOf100() {
        check("mlp", (p, x) -> {
            assertArrayEquals(new long[] {100, LENGTH}, p.get(0).shape, "hidden layer width");
            return linear(p.get(2), p.get(3), relu(linear(p.get(0), p.get(1), x)));
        });
    }

    /** MLPBase: h1 = ReLU(L1 x); h2 = h1 + ReLU(L2 h1); out = L3 h2. */
    @Test
    void mnist1dMlpHasTheResidualSecondLayer() {
        check("mnist1d-mlp", (p, x) -> {
            double[] h1 = relu(linear(p.get(0), p.get(1), x));
            double[] r = relu(linear(p.get(2), p.get(3), h1));
            double[] h2 = new double[h1.length];
            for (int i = 0; i < h1.length; i++) {
                h2[i] = h1[i] + r[i];
            }
            return linear(p.get(4), p.get(5), h2);
        });
    }

    /** ConvBase: three Conv1d (k 5/3/3, stride 2, zero padding 1) with ReLU, channel-major flatten, Linear. */
    @Test
    void cnnIsThreeStridedConvolutionsAndALinearLayer() {
        check("cnn", (p, x) -> {
            double[][] h = {x};
            h = relu(conv1d(p.get(0), p.get(1), h));
            assertEquals(19, h[0].length);
            h = relu(conv1d(p.get(2), p.get(3), h));
            assertEquals(10, h[0].length);
            h = relu(conv1d(p.get(4), p.get(5), h));
            assertEquals(5, h[0].length);
            double[] flat = new double[25 * 5];
            for (int c = 0; c < 25; c++) {
                System.arraycopy(h[c], 0, flat, 5 * c, 5);
            }
            return linear(p.get(6), p.get(7), flat);
        });
    }

    /**
     * GRUBase: a bidirectional GRU (hidden 6, zero initial state) reads one value per time step; the outputs of all
     * 40 steps, both directions, are flattened time-major (index 12·t + 6·direction + j) into Linear 480 → 10.
     * Each direction follows PyTorch's {@code nn.GRU} equations with gate rows ordered r, z, n and the reset gate
     * applied to the hidden term: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); h' = (1 − z) ⊙ n + z ⊙ h.
     */
    @Test
    void gruIsABidirectionalGruOverAllTimeStepsAndALinearLayer() {
        check("gru", (p, x) -> {
            double[] flat = new double[2 * 6 * LENGTH];
            for (int direction = 0; direction < 2; direction++) {
                String which = direction == 0 ? "forward_" : "backward_";
                Tensor wih = named(p, which, "i2h_WEIGHT");
                Tensor whh = named(p, which, "h2h_WEIGHT");
                Tensor bih = named(p, which, "i2h_BIAS");
                Tensor bhh = named(p, which, "h2h_BIAS");
                assertArrayEquals(new long[] {18, 1}, wih.shape);
                assertArrayEquals(new long[] {18, 6}, whh.shape);
                double[] h = new double[6];
                for (int s = 0; s < LENGTH; s++) {
                    int t = direction == 0 ? s : LENGTH - 1 - s;
                    h = gruCell(wih, whh, bih, bhh, x[t], h);
                    System.arraycopy(h, 0, flat, 12 * t + 6 * direction, 6);
                }
            }
            Tensor w = p.get(p.size() - 2);
            assertArrayEquals(new long[] {CLASSES, 480}, w.shape, "the linear layer reads all 40 steps");
            return linear(w, p.get(p.size() - 1), flat);
        });
    }

    /** One step of torch.nn.GRU with hidden size H for a scalar input; weight rows r (0..H), z (H..2H), n (2H..3H). */
    private static double[] gruCell(Tensor wih, Tensor whh, Tensor bih, Tensor bhh, double x, double[] h) {
        int hidden = h.length;
        double[] next = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            double[] hidTerm = new double[3];
            for (int gate = 0; gate < 3; gate++) {
                int row = gate * hidden + j;
                double sum = bhh.v[row];
                for (int k = 0; k < hidden; k++) {
                    sum += whh.v[row * hidden + k] * h[k];
                }
                hidTerm[gate] = sum;
            }
            double r = sigmoid(wih.v[j] * x + bih.v[j] + hidTerm[0]);
            double z = sigmoid(wih.v[hidden + j] * x + bih.v[hidden + j] + hidTerm[1]);
            double n = Math.tanh(wih.v[2 * hidden + j] * x + bih.v[2 * hidden + j] + r * hidTerm[2]);
            next[j] = (1 - z) * n + z * h[j];
        }
        return next;
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    private static Tensor named(List<Tensor> parameters, String part, String suffix) {
        Tensor found = null;
        for (Tensor t : parameters) {
            if (t.name.contains(part) && t.name.endsWith(suffix)) {
                assertEquals(null, found, "two parameters match " + part + "*" + suffix);
                found = t;
            }
        }
        assertNotNull(found, "no parameter matches " + part + "*" + suffix);
        return found;
    }

    /** A parameter tensor read back as doubles, with its name and shape. */
    record Tensor(String name, long[] shape, double[] v) {}

    interface Reference {
        double[] logits(List<Tensor> parameters, double[] x);
    }

    /** Builds {@code model} with seeded initial weights in float64 and compares its logits with the reference. */
    private static void check(String model, Reference reference) {
        long[] sample = {LENGTH};
        byte[] snapshot = InitialWeights.snapshot(ModelSpec.parse(model), sample, CLASSES, 11, DataType.FLOAT64);
        Block block = Models.create(model, sample, CLASSES);
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = new double[BATCH][LENGTH];
        double[] flat = new double[BATCH * LENGTH];
        for (int b = 0; b < BATCH; b++) {
            for (int j = 0; j < LENGTH; j++) {
                x[b][j] = 2 * random.nextDouble() - 1;
                flat[b * LENGTH + j] = x[b][j];
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            InitialWeights.load(block, m, snapshot, sample, DataType.FLOAT64);
            List<Tensor> parameters = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                parameters.add(new Tensor(p.getKey(), a.getShape().getShape(), a.toDoubleArray()));
            }
            NDArray out = block.forward(new ParameterStore(m, false),
                    new NDList(m.create(flat, new Shape(BATCH, LENGTH))), false).singletonOrThrow();
            double[] logits = out.toDoubleArray();
            for (int b = 0; b < BATCH; b++) {
                double[] expected = reference.logits(parameters, x[b]);
                double[] actual = new double[CLASSES];
                System.arraycopy(logits, b * CLASSES, actual, 0, CLASSES);
                assertArrayEquals(expected, actual, 1e-12, model + " sample " + b);
            }
        }
    }

    /** W x + b with W of shape (out, in), as torch.nn.Linear. */
    private static double[] linear(Tensor w, Tensor b, double[] x) {
        int out = (int) w.shape[0];
        int in = (int) w.shape[1];
        assertEquals(in, x.length, "linear input width");
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = b.v[o];
            for (int i = 0; i < in; i++) {
                s += w.v[o * in + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    /** torch.nn.Conv1d with stride 2 and zero padding 1; weight (out, in, k), input (in, length). */
    private static double[][] conv1d(Tensor w, Tensor b, double[][] x) {
        int out = (int) w.shape[0];
        int in = (int) w.shape[1];
        int k = (int) w.shape[2];
        int length = x[0].length;
        int outLength = (length + 2 - k) / 2 + 1;
        double[][] y = new double[out][outLength];
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < outLength; t++) {
                double s = b.v[o];
                for (int i = 0; i < in; i++) {
                    for (int d = 0; d < k; d++) {
                        int pos = 2 * t - 1 + d;
                        if (pos >= 0 && pos < length) {
                            s += w.v[(o * in + i) * k + d] * x[i][pos];
                        }
                    }
                }
                y[o][t] = s;
            }
        }
        return y;
    }

    private static double[] relu(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.max(0, v[i]);
        }
        return r;
    }

    private static double[][] relu(double[][] v) {
        double[][] r = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            r[i] = relu(v[i]);
        }
        return r;
    }
}
