package org.lookaheadlab.optim.state;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;

/**
 * Constant scalars kept as 0-dim arrays, one per (device, dtype), so that {@code x.muli(scalar)} costs one native
 * call instead of three (create, multiply, free). For a float32 tensor the scalar is a 0-dim float32 array holding
 * {@code (float) value}; for any other dtype a 0-dim float64 array holding {@code value}. Either way its value is
 * exactly the one {@code x.muli(double)} would use (the engine computes a float32 op with the scalar rounded to
 * float32), so results are bit-identical; the float32 form only spares the engine a dtype promotion per call.
 */
public final class Scalars implements AutoCloseable {

    private final double value;
    private final Map<Device, NDArray> byDevice = new HashMap<>();
    private final Map<Device, NDArray> float32ByDevice = new HashMap<>();

    /** A cached constant. */
    public Scalars(double value) {
        this.value = value;
    }

    /** The constant on the device of {@code like}, in float32 if {@code like} is float32, else in float64. */
    public NDArray on(NDArray like) {
        boolean float32 = like.getDataType() == DataType.FLOAT32;
        Map<Device, NDArray> cache = float32 ? float32ByDevice : byDevice;
        Device device = like.getDevice();
        NDArray s = cache.get(device);
        if (s == null) {
            NDManager manager = like.getManager();
            NDArray created = float32 ? manager.create((float) value) : manager.create(value);
            s = Tensors.keep(created.toDevice(device, false));
            cache.put(device, s);
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
        float32ByDevice.values().forEach(NDArray::close);
        float32ByDevice.clear();
    }
}
