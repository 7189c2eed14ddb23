package org.lookaheadlab.optim.batched;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * The path a trainer takes: R linear least-squares models y = x·W + b as one batched model (W of shape (R, 3, 4),
 * b of (R, 4), a batched matrix product), the loss summed over the runs, gradients from the engine's autograd
 * (accumulated on the weights, which the optimizer must zero), updates through DJL's {@link LocalParameterServer};
 * each run against the same model trained alone (float64, 60 steps, 1e-10), and with one run's data turning NaN at
 * step 10 and that run frozen.
 */
class BatchedTrainerPathTest {

    static final int STEPS = 60;
    static final int BATCH = 5;

    static double input(int run, int t, int i) {
        return Math.sin(0.37 * i + 1.3 * t + 0.5 * run);
    }

    static double target(int run, int t, int i, boolean blowUp) {
        if (blowUp && run == 1 && t >= 10) {
            return Double.NaN;
        }
        return Math.cos(0.21 * i - 0.7 * t + 0.3 * run);
    }

    static double start(String name, int run, int i) {
        return 0.3 * Math.sin(1.1 * i + name.length() + run);
    }

    /** Final W and b of every run, trained batched. */
    static List<Map<String, double[]>> batched(List<OptimizerSpec> specs, boolean blowUp) {
        int runs = specs.size();
        try (NDManager manager = NDManager.newBaseManager();
                BatchedOptimizer optimizer = BatchedOptimizers.create(specs, STEPS)) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("W", parameter(manager, "W", runs, new Shape(runs, 3, 4)));
            params.put("b", parameter(manager, "b", runs, new Shape(runs, 1, 4)));
            LocalParameterServer server = new LocalParameterServer(optimizer);
            for (int t = 1; t <= STEPS; t++) {
                if (blowUp && t == 10) {
                    optimizer.freeze(1);
                }
                try (NDManager step = manager.newSubManager()) {
                    double[] x = new double[runs * BATCH * 3];
                    double[] y = new double[runs * BATCH * 4];
                    for (int r = 0; r < runs; r++) {
                        for (int i = 0; i < BATCH * 3; i++) {
                            x[r * BATCH * 3 + i] = input(r, t, i);
                        }
                        for (int i = 0; i < BATCH * 4; i++) {
                            y[r * BATCH * 4 + i] = target(r, t, i, blowUp);
                        }
                    }
                    NDArray xs = step.create(x, new Shape(runs, BATCH, 3));
                    NDArray ys = step.create(y, new Shape(runs, BATCH, 4));
                    step(step, params, xs, ys, server);
                }
            }
            List<Map<String, double[]>> out = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                Map<String, double[]> m = new LinkedHashMap<>();
                for (Map.Entry<String, NDArray> e : params.entrySet()) {
                    double[] all = e.getValue().toDoubleArray();
                    int n = all.length / runs;
                    m.put(e.getKey(), java.util.Arrays.copyOfRange(all, r * n, (r + 1) * n));
                }
                out.add(m);
            }
            return out;
        }
    }

    /** Final W and b of one run trained alone. */
    static Map<String, double[]> solo(OptimizerSpec spec, int run) {
        Optimizer optimizer = spec.build(new org.lookaheadlab.optim.spec.BuildContext(null, STEPS));
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("W", parameter(manager, "W", run, 1, new Shape(3, 4)));
            params.put("b", parameter(manager, "b", run, 1, new Shape(1, 4)));
            LocalParameterServer server = new LocalParameterServer(optimizer);
            for (int t = 1; t <= STEPS; t++) {
                try (NDManager step = manager.newSubManager()) {
                    double[] x = new double[BATCH * 3];
                    double[] y = new double[BATCH * 4];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = input(run, t, i);
                    }
                    for (int i = 0; i < y.length; i++) {
                        y[i] = target(run, t, i, false);
                    }
                    step(step, params, step.create(x, new Shape(BATCH, 3)), step.create(y, new Shape(BATCH, 4)),
                            server);
                }
            }
            Map<String, double[]> m = new LinkedHashMap<>();
            params.forEach((name, p) -> m.put(name, p.toDoubleArray()));
            return m;
        } finally {
            if (optimizer instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static void step(NDManager step, Map<String, NDArray> params, NDArray x, NDArray y,
            LocalParameterServer server) {
        NDArray w = params.get("W");
        NDArray b = params.get("b");
        try (GradientCollector collector = step.getEngine().newGradientCollector()) {
            NDArray diff = x.matMul(w).add(b).sub(y);
            diff.attach(step);
            NDArray loss = diff.square().mean(new int[] {-1}).mean(new int[] {-1}).sum(); // per-run means, summed
            loss.attach(step);
            collector.backward(loss);
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray grad = e.getValue().getGradient();
            grad.attach(step);
            server.update(e.getKey(), new NDArray[] {grad}, new NDArray[] {e.getValue()});
        }
    }

    private static NDArray parameter(NDManager manager, String name, int runs, Shape shape) {
        return parameter(manager, name, 0, runs, shape);
    }

    private static NDArray parameter(NDManager manager, String name, int firstRun, int runs, Shape shape) {
        int n = (int) (shape.size() / runs);
        double[] v = new double[(int) shape.size()];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < n; i++) {
                v[r * n + i] = start(name, firstRun + r, i);
            }
        }
        NDArray p = manager.create(v, shape);
        p.setRequiresGradient(true);
        return p;
    }

    private static double error(Map<String, double[]> a, Map<String, double[]> b) {
        return RunsProblem.relativeError(a, b);
    }

    private static void assertRunsMatchSolo(List<OptimizerSpec> specs, boolean blowUp) {
        List<Map<String, double[]>> batched = batched(specs, blowUp);
        for (int r = 0; r < specs.size(); r++) {
            if (blowUp && r == 1) {
                continue;
            }
            double e = error(batched.get(r), solo(specs.get(r), r));
            assertTrue(e <= 1e-10, specs.get(r) + " run " + r + (blowUp ? " (run 1 diverged)" : "") + ": off by " + e);
        }
    }

    @Test
    void autogradGradientsThroughTheParameterServer() {
        List<OptimizerSpec> specs = BatchedEquivalenceTest.parse("lookahead(adam(lr=0.05),k=5)",
                "lookahead(adam(lr=0.02,beta1=0.8),k=3,alpha=0.8)", "lookahead(adam(lr=0.1,weightDecay=0.01),k=7)");
        assertRunsMatchSolo(specs, false);
        assertRunsMatchSolo(specs, true);
        List<OptimizerSpec> sgd = BatchedEquivalenceTest.parse("ema(sgd(lr=0.1,momentum=0.9),decay=0.9)",
                "ema(sgd(lr=0.05,momentum=0.5,nesterov=true),decay=0.8)", "ema(sgd(lr=0.2),decay=0.7)");
        assertRunsMatchSolo(sgd, false);
        assertRunsMatchSolo(sgd, true);
    }
}
