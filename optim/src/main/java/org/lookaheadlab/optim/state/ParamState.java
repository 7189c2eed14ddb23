package org.lookaheadlab.optim.state;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything an optimizer keeps for one parameter on one device: named tensors (owned, detached), named integer
 * counters and named double scalars. This is what {@link StateFormat} saves and restores as a whole.
 */
public final class ParamState implements AutoCloseable {

    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    private final Map<String, Long> longs = new LinkedHashMap<>();
    private final Map<String, Double> doubles = new LinkedHashMap<>();

    /** The tensor {@code name}, or null. */
    public NDArray tensor(String name) {
        return tensors.get(name);
    }

    /** The tensor {@code name}, created with {@code init} (and kept) if absent. */
    public NDArray tensor(String name, Supplier<NDArray> init) {
        NDArray t = tensors.get(name);
        if (t == null) {
            t = Tensors.keep(init.get());
            tensors.put(name, t);
        }
        return t;
    }

    /** Stores {@code array} (kept) under {@code name}, closing the previous one. */
    public void putTensor(String name, NDArray array) {
        NDArray previous = tensors.put(name, Tensors.keep(array));
        if (previous != null && previous != array) {
            previous.close();
        }
    }

    /** Exchanges the arrays stored under {@code a} and {@code b} (both must exist). */
    public void swapTensors(String a, String b) {
        NDArray first = tensors.get(a);
        NDArray second = tensors.get(b);
        if (first == null || second == null) {
            throw new IllegalStateException("cannot swap tensors " + a + " and " + b + ": one is missing");
        }
        tensors.put(a, second);
        tensors.put(b, first);
    }

    /** Removes and closes the tensor {@code name}, if any. */
    public void removeTensor(String name) {
        NDArray previous = tensors.remove(name);
        if (previous != null) {
            previous.close();
        }
    }

    /** Read-only view of the tensors. */
    public Map<String, NDArray> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    /** The counter {@code name}, or {@code fallback}. */
    public long getLong(String name, long fallback) {
        return longs.getOrDefault(name, fallback);
    }

    /** Sets the counter {@code name}. */
    public void setLong(String name, long value) {
        longs.put(name, value);
    }

    /** Read-only view of the counters. */
    public Map<String, Long> longs() {
        return Collections.unmodifiableMap(longs);
    }

    /** The scalar {@code name}, or {@code fallback}. */
    public double getDouble(String name, double fallback) {
        return doubles.getOrDefault(name, fallback);
    }

    /** Sets the scalar {@code name}. */
    public void setDouble(String name, double value) {
        doubles.put(name, value);
    }

    /** Read-only view of the scalars. */
    public Map<String, Double> doubles() {
        return Collections.unmodifiableMap(doubles);
    }

    /** Closes every tensor and forgets everything. */
    @Override
    public void close() {
        tensors.values().forEach(NDArray::close);
        tensors.clear();
        longs.clear();
        doubles.clear();
    }
}
