package org.lookaheadlab.optim.state;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Constant scalars kept as 0-dim float64 arrays, one per device, so that {@code x.muli(scalar)} costs one native
 * call instead of three (create, multiply, free). A 0-dim float64 operand does not change the dtype of a float32
 * tensor, and its value is exactly the one {@code x.muli(double)} would use, so results are bit-identical.
 */
public final class Scalars implements AutoCloseable {

    private final double value;
    private final Map<Device, NDArray> byDevice = new HashMap<>();

    /** A cached constant. */
    public Scalars(double value) {
        this.value = value;
    }

    /** The constant on the device of {@code like}. */
    public NDArray on(NDArray like) {
        NDArray s = byDevice.get(like.getDevice());
        if (s == null) {
            NDManager manager = like.getManager();
            s = Tensors.keep(manager.create(value).toDevice(like.getDevice(), false));
            byDevice.put(like.getDevice(), s);
        }
        return s;
    }

    /** The value. */
    public double value() {
        return value;
    }

    @Override
    public void close() {
        byDevice.values().forEach(NDArray::close);
        byDevice.clear();
    }
}
