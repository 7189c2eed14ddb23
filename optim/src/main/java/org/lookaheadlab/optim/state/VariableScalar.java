package org.lookaheadlab.optim.state;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * A scalar whose value changes from step to step (a bias correction, an averaging weight), as one 0-dim array per
 * (device, dtype) whose value is rewritten in place ({@link NDArray#set(java.nio.Buffer)} from a direct buffer kept
 * here) when it changes: one native call per new value, shared by every parameter that asks for the same value,
 * instead of the three (create, use, free) of {@code x.muli(double)}. As in {@link Scalars}, a float32 tensor gets a
 * float32 scalar holding {@code (float) value}, any other dtype a float64 one holding {@code value}, so results are
 * those of {@code x.muli(value)}. A returned array is valid until the next call with another value.
 */
public final class VariableScalar implements AutoCloseable {

    private record Key(Device device, boolean float32) {}

    private static final class Slot {
        final NDArray array;
        final ByteBuffer buffer;
        double value = Double.NaN;

        Slot(NDArray array, ByteBuffer buffer) {
            this.array = array;
            this.buffer = buffer;
        }
    }

    private final Map<Key, Slot> slots = new HashMap<>();

    /** The value on the device of {@code like}, in float32 if {@code like} is float32, else in float64. */
    public NDArray on(NDArray like, double value) {
        boolean float32 = like.getDataType() == DataType.FLOAT32;
        Key key = new Key(like.getDevice(), float32);
        Slot slot = slots.get(key);
        if (slot == null) {
            NDManager manager = like.getManager();
            NDArray created = float32 ? manager.create(0f) : manager.create(0.0);
            NDArray array = Tensors.keep(created.toDevice(key.device(), false));
            slot = new Slot(array, ByteBuffer.allocateDirect(float32 ? 4 : 8).order(ByteOrder.nativeOrder()));
            slots.put(key, slot);
        }
        if (Double.doubleToRawLongBits(slot.value) != Double.doubleToRawLongBits(value)) {
            if (float32) {
                slot.buffer.putFloat(0, (float) value);
            } else {
                slot.buffer.putDouble(0, value);
            }
            slot.buffer.rewind();
            slot.array.set(slot.buffer);
            slot.value = value;
        }
        return slot.array;
    }

    @Override
    public void close() {
        slots.values().forEach(s -> s.array.close());
        slots.clear();
    }
}
