package org.lookaheadlab.optim.batched;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * A small deterministic problem for R runs: three parameters of different shapes (w 3×4 and b 4, one layer; c
 * 2×3×2, another), run r starting from its own weights, with the gradient of run r at step t a fixed function of
 * its weights computed in plain Java, g = A⊙(θ − C_r) + noise(t, r) (a quadratic plus a fixed per-step
 * perturbation): the same numbers reach a run's solo optimizer and its slice of the batched one.
 */
final class RunsProblem {

    static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("w", new Shape(3, 4));
        SHAPES.put("b", new Shape(4));
        SHAPES.put("c", new Shape(2, 3, 2));
    }

    /** w and b form one layer, c another. */
    static final Grouping LAYERS = Grouping.layer(id -> id.endsWith("c") ? "second" : "first");

    static BuildContext context(long steps) {
        return new BuildContext(LAYERS, steps);
    }

    static double initial(String name, int run, int i) {
        return Math.sin(1.7 * i + name.length() + 0.9 * run) * 1.3;
    }

    /** The gradient of run {@code run} at weights {@code theta} (one run's values) and step t. */
    static double[] gradient(String name, int run, int t, double[] theta) {
        double[] g = new double[theta.length];
        for (int i = 0; i < g.length; i++) {
            double a = 0.6 + 0.1 * (i % 5);
            double c = Math.cos(0.9 * i + 0.3 * run + name.length());
            g[i] = a * (theta[i] - c) + 0.05 * Math.sin(t * 3.1 + i + 0.7 * run);
        }
        return g;
    }

    /** {@code override.gradient} replaces the gradient of some (run, step), e.g. with NaN. */
    interface Override {
        double[] gradient(String name, int run, int t, double[] g);
    }

    static NDArray create(NDManager manager, double[] values, Shape shape, DataType dtype) {
        NDArray a = manager.create(values, shape);
        return dtype == DataType.FLOAT64 ? a : a.toType(dtype, false);
    }

    static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, true).toDoubleArray();
    }

    /** One run alone: its final weights (by name) and evaluation weights. */
    static Result solo(OptimizerSpec spec, int run, int steps, DataType dtype, Override override) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            SHAPES.forEach((name, shape) -> {
                double[] init = new double[(int) shape.size()];
                for (int i = 0; i < init.length; i++) {
                    init[i] = initial(name, run, i);
                }
                NDArray p = create(manager, init, shape, dtype);
                p.setRequiresGradient(true);
                params.put(name, p);
            });
            Optimizer optimizer = spec.build(context(steps));
            try {
                for (int t = 1; t <= steps; t++) {
                    for (Map.Entry<String, NDArray> e : params.entrySet()) {
                        double[] g = gradient(e.getKey(), run, t, values(e.getValue()));
                        if (override != null) {
                            g = override.gradient(e.getKey(), run, t, g);
                        }
                        try (NDArray grad = create(manager, g, e.getValue().getShape(), dtype)) {
                            optimizer.update(e.getKey(), e.getValue(), grad);
                        }
                    }
                }
                Result out = new Result();
                EvaluationWeights eval = EvaluationWeights.find(optimizer).orElse(null);
                params.forEach((name, p) -> {
                    out.weights.put(name, values(p));
                    out.evaluation.put(name, eval == null ? values(p)
                            : values(eval.evaluationWeight(name).orElseThrow()));
                });
                return out;
            } finally {
                if (optimizer instanceof AutoCloseable c) {
                    c.close();
                }
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    /** The R runs batched: each run's final weights and evaluation weights. */
    static List<Result> batched(List<OptimizerSpec> specs, int steps, DataType dtype, Override override,
            FreezeAt freeze) {
        return batched(specs, steps, dtype, override, freeze, 0);
    }

    /**
     * As {@link #batched(List, int, DataType, Override, FreezeAt)}; with {@code resumeAt} &gt; 0, before that step
     * the optimizer's state is saved, the optimizer closed, and a new one made from the specs loads the state, its
     * parameters under other ids (as in a new process: {@code re-w} for {@code w}).
     */
    static List<Result> batched(List<OptimizerSpec> specs, int steps, DataType dtype, Override override,
            FreezeAt freeze, int resumeAt) {
        int runs = specs.size();
        BatchedOptimizer[] holder = {BatchedOptimizers.create(specs, context(steps))};
        String[] prefix = {""};
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            SHAPES.forEach((name, shape) -> {
                int n = (int) shape.size();
                double[] init = new double[runs * n];
                for (int r = 0; r < runs; r++) {
                    for (int i = 0; i < n; i++) {
                        init[r * n + i] = initial(name, r, i);
                    }
                }
                NDArray p = create(manager, init, batchedShape(runs, shape), dtype);
                p.setRequiresGradient(true);
                params.put(name, p);
            });
            for (int t = 1; t <= steps; t++) {
                if (t == resumeAt) {
                    byte[] state = holder[0].saveState(id -> id.substring(prefix[0].length()));
                    holder[0].close();
                    holder[0] = BatchedOptimizers.create(specs, context(steps));
                    prefix[0] = "re-";
                    holder[0].loadState(new java.io.ByteArrayInputStream(state), id -> id.substring(3), manager);
                }
                BatchedOptimizer optimizer = holder[0];
                if (freeze != null) {
                    freeze.before(t, optimizer);
                }
                for (Map.Entry<String, NDArray> e : params.entrySet()) {
                    double[] theta = values(e.getValue());
                    int n = theta.length / runs;
                    double[] g = new double[theta.length];
                    for (int r = 0; r < runs; r++) {
                        double[] one = java.util.Arrays.copyOfRange(theta, r * n, (r + 1) * n);
                        double[] gr = gradient(e.getKey(), r, t, one);
                        if (override != null) {
                            gr = override.gradient(e.getKey(), r, t, gr);
                        }
                        System.arraycopy(gr, 0, g, r * n, n);
                    }
                    try (NDArray grad = create(manager, g, e.getValue().getShape(), dtype)) {
                        optimizer.update(prefix[0] + e.getKey(), e.getValue(), grad);
                    }
                }
            }
            BatchedOptimizer optimizer = holder[0];
            List<Result> out = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                out.add(new Result());
            }
            Map<String, double[]> swapped = new LinkedHashMap<>();
            try (EvaluationWeights.Swap swap = optimizer.swapIn()) {
                params.forEach((name, p) -> swapped.put(name, values(p)));
            }
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                double[] w = values(e.getValue());
                double[] x = values(optimizer.evaluationWeight(prefix[0] + e.getKey()).orElseThrow());
                double[] sw = swapped.get(e.getKey());
                int n = w.length / runs;
                for (int r = 0; r < runs; r++) {
                    out.get(r).weights.put(e.getKey(), java.util.Arrays.copyOfRange(w, r * n, (r + 1) * n));
                    out.get(r).evaluation.put(e.getKey(), java.util.Arrays.copyOfRange(x, r * n, (r + 1) * n));
                    out.get(r).swapped.put(e.getKey(), java.util.Arrays.copyOfRange(sw, r * n, (r + 1) * n));
                }
            }
            return out;
        } finally {
            holder[0].close();
        }
    }

    /** Freezes runs before some step. */
    interface FreezeAt {
        void before(int t, BatchedOptimizer optimizer);
    }

    static Shape batchedShape(int runs, Shape shape) {
        long[] dims = new long[shape.dimension() + 1];
        dims[0] = runs;
        System.arraycopy(shape.getShape(), 0, dims, 1, shape.dimension());
        return new Shape(dims);
    }

    /** Final weights and evaluation weights of one run, by parameter name. */
    static final class Result {
        final Map<String, double[]> weights = new LinkedHashMap<>();
        final Map<String, double[]> evaluation = new LinkedHashMap<>();
        /** What the model held inside {@code swapIn()} (batched runs only). */
        final Map<String, double[]> swapped = new LinkedHashMap<>();
    }

    /** Whether two results hold the same weights and evaluation weights, bit for bit (NaN equal to NaN). */
    static boolean identical(Result a, Result b) {
        return same(a.weights, b.weights) && same(a.evaluation, b.evaluation);
    }

    static boolean same(Map<String, double[]> a, Map<String, double[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!java.util.Arrays.equals(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** max |a − b| / max(1, max |b|) over all parameters. */
    static double relativeError(Map<String, double[]> actual, Map<String, double[]> expected) {
        double worst = 0;
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            double[] b = e.getValue();
            double[] a = actual.get(e.getKey());
            double scale = 1;
            for (double x : b) {
                scale = Math.max(scale, Math.abs(x));
            }
            for (int i = 0; i < b.length; i++) {
                double d = Math.abs(a[i] - b[i]);
                worst = Math.max(worst, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d / scale);
            }
        }
        return worst;
    }
}
