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
 * (device, dtype) whose value is rewritten in place when it changes, shared by every parameter that asks for the
 * same value, instead of the three native calls (create, use, free) of {@code x.muli(double)}. As in
 * {@link Scalars}, a float32 tensor gets a float32 scalar holding {@code (float) value}, any other dtype a float64
 * one holding {@code value}, so results are those of {@code x.muli(value)}. A returned array is valid until the
 * next call with another value.
 *
 * <p>The value is written into a direct buffer kept here and handed to {@link NDArray#set(java.nio.Buffer)}. The
 * PyTorch engine on the CPU makes the array's storage that very buffer (DJL keeps a reference to it for this
 * reason), so that later values need only be written into the buffer: this is checked once per array (a value is
 * written to the buffer alone and read back through the engine), and where it does not hold (a GPU, another engine)
 * every new value is set through the engine (one native call).
 */
public final class VariableScalar implements AutoCloseable {

    private record Key(Device device, boolean float32) {}

    private static final class Slot {
        final NDArray array;
        final ByteBuffer buffer;
        final boolean float32;
        double value = Double.NaN;
        /** Whether the array's storage is {@link #buffer} (writing the buffer is enough). */
        boolean aliased;

        Slot(NDArray array, ByteBuffer buffer, boolean float32) {
            this.array = array;
            this.buffer = buffer;
            this.float32 = float32;
            write(1.5);
            array.set(buffer);
            write(-2.25); // exact in float32: read back through the engine, it tells whether the storage is shared
            double seen = array.toArray()[0].doubleValue();
            aliased = seen == -2.25;
        }

        void write(double v) {
            if (float32) {
                buffer.putFloat(0, (float) v);
            } else {
                buffer.putDouble(0, v);
            }
        }

        void set(double v) {
            write(v);
            if (!aliased) {
                buffer.rewind();
                array.set(buffer);
            }
            value = v;
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
            slot = new Slot(array, ByteBuffer.allocateDirect(float32 ? 4 : 8).order(ByteOrder.nativeOrder()), float32);
            slots.put(key, slot);
        }
        if (Double.doubleToRawLongBits(slot.value) != Double.doubleToRawLongBits(value)) {
            slot.set(value);
        }
        return slot.array;
    }

    @Override
    public void close() {
        slots.values().forEach(s -> s.array.close());
        slots.clear();
    }
}
