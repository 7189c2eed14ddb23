package org.lookaheadlab.optim.wrap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two parameters w (3×4) and b (4) with gradient g_t(θ) = A⊙(θ − C) + noise_t from closed-form expressions
 * (ids = names).
 */
final class QuadraticProblem implements AutoCloseable {

    final NDManager manager = NDManager.newBaseManager();
    final Map<String, NDArray> params = new LinkedHashMap<>();
    private final DataType dtype;

    QuadraticProblem() {
        this(DataType.FLOAT64);
    }

    QuadraticProblem(DataType dtype) {
        this.dtype = dtype;
        add("w", new Shape(3, 4));
        add("b", new Shape(4));
    }

    private void add(String name, Shape shape) {
        int n = (int) shape.size();
        double[] init = new double[n];
        for (int i = 0; i < n; i++) {
            init[i] = Math.sin(1.7 * i + name.length()) * 1.3;
        }
        NDArray p = make(init, shape);
        p.setRequiresGradient(true);
        params.put(name, p);
    }

    void copyFrom(QuadraticProblem other) {
        params.forEach((name, p) -> p.set(other.params.get(name).toByteBuffer()));
    }

    NDArray gradient(String name, int t) {
        NDArray theta = params.get(name);
        int n = (int) theta.size();
        double[] a = new double[n];
        double[] c = new double[n];
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.6 + 0.1 * (i % 5);
            c[i] = Math.cos(0.9 * i);
            noise[i] = 0.05 * Math.sin(t * 3.1 + i);
        }
        try (NDArray aa = make(a, theta.getShape());
                NDArray cc = make(c, theta.getShape());
                NDArray nn = make(noise, theta.getShape())) {
            return theta.sub(cc).muli(aa).addi(nn);
        }
    }

    void step(Optimizer optimizer, int t) {
        stepOnly(optimizer, t, params.keySet().toArray(new String[0]));
    }

    void stepOnly(Optimizer optimizer, int t, String... names) {
        for (String name : names) {
            try (NDArray g = gradient(name, t)) {
                optimizer.update(name, params.get(name), g);
            }
        }
    }

    /** An array of this problem's dtype (the float64 staging array is closed). */
    private NDArray make(double[] values, Shape shape) {
        NDArray staged = manager.create(values, shape);
        if (dtype == DataType.FLOAT64) {
            return staged;
        }
        NDArray converted = staged.toType(dtype, false);
        staged.close();
        return converted;
    }

    double[] values(String name) {
        return params.get(name).toType(DataType.FLOAT64, true).toDoubleArray();
    }

    double[] values() {
        double[] w = values("w");
        double[] b = values("b");
        double[] all = java.util.Arrays.copyOf(w, w.length + b.length);
        System.arraycopy(b, 0, all, w.length, b.length);
        return all;
    }

    @Override
    public void close() {
        manager.close();
    }
}
