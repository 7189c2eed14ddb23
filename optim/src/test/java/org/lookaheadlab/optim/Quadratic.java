package org.lookaheadlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny deterministic test problem: parameters w (3×4) and b (4) with gradient g_t(θ) = A⊙(θ − C) + noise_t,
 * all values from closed-form expressions (no RNG). Parameter ids can be prefixed to mimic a new process
 * (default: ids = names).
 */
public final class Quadratic implements AutoCloseable {

    public final NDManager manager = NDManager.newBaseManager();
    public final Map<String, NDArray> params = new LinkedHashMap<>();
    final Map<String, String> idByName = new LinkedHashMap<>();
    final Map<String, String> nameById = new LinkedHashMap<>();
    private final DataType dtype;

    /** float64, ids = names. */
    public Quadratic() {
        this(DataType.FLOAT64);
    }

    /** ids = names. */
    public Quadratic(DataType dtype) {
        this(dtype, "");
    }

    public Quadratic(DataType dtype, String idPrefix) {
        this.dtype = dtype;
        add("w", new Shape(3, 4), idPrefix);
        add("b", new Shape(4), idPrefix);
    }

    private void add(String name, Shape shape, String idPrefix) {
        int n = (int) shape.size();
        double[] init = new double[n];
        for (int i = 0; i < n; i++) {
            init[i] = Math.sin(1.7 * i + name.length()) * 1.3;
        }
        NDArray p = make(init, shape);
        p.setRequiresGradient(true);
        params.put(name, p);
        idByName.put(name, idPrefix + name);
        nameById.put(idPrefix + name, name);
    }

    /** Copies the current values of {@code other} into this problem's parameters. */
    public void copyFrom(Quadratic other) {
        params.forEach((name, p) -> p.set(other.params.get(name).toByteBuffer()));
    }

    /** The gradient of parameter {@code name} at the current θ for step t. */
    public NDArray gradient(String name, int t) {
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
        NDArray aa = make(a, theta.getShape());
        NDArray cc = make(c, theta.getShape());
        NDArray nn = make(noise, theta.getShape());
        NDArray g = theta.sub(cc).muli(aa).addi(nn);
        aa.close();
        cc.close();
        nn.close();
        return g;
    }

    /** One step of every parameter, in the given order of names (default: insertion order). */
    public void step(Optimizer optimizer, int t, String... order) {
        Iterable<String> names = order.length == 0 ? params.keySet() : java.util.List.of(order);
        for (String name : names) {
            try (NDArray g = gradient(name, t)) {
                optimizer.update(idByName.get(name), params.get(name), g);
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

    public double[] values(String name) {
        return params.get(name).toType(DataType.FLOAT64, true).toDoubleArray();
    }

    /** The values of w then b, as one array. */
    public double[] values() {
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
