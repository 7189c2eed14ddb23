package org.lookaheadlab.optim.state;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The optimizer state format, version 1. Integers and strings use {@link DataOutputStream} conventions
 * (big-endian, modified UTF-8); tensor data is raw little-endian.
 *
 * <pre>
 * block    := magic "LKST" (4 ASCII bytes)  int version (=1)  UTF kind (optimizer class, checked on load)
 *             int entryCount  entry*  int innerLength (−1: no inner block)  byte[innerLength] inner block
 * entry    := UTF stableName  UTF deviceType  int deviceId
 *             int tensorCount  tensor*  int counterCount (UTF name, long value)*
 *             int scalarCount (UTF name, long IEEE-754 bits of a double)*
 * tensor   := UTF name  UTF dtype (DataType name, e.g. FLOAT32)  int rank  long dim*  int byteLength
 *             byte[byteLength] (little-endian, row-major)
 * </pre>
 *
 * A wrapper's inner block is the inner optimizer's own block, so nesting is unlimited. Loaded entries wait in
 * the {@link StateStore} until their parameter is met (see {@link StateStore#peek}).
 */
public final class StateFormat {

    private static final byte[] MAGIC = {'L', 'K', 'S', 'T'};
    private static final int VERSION = 1;

    private StateFormat() {}

    /**
     * Writes one block: {@code store}'s entries then {@code inner} (the inner optimizer's block, or null).
     */
    public static void write(OutputStream out, String kind, StateStore store, Function<String, String> stableName,
            byte[] inner) {
        try {
            DataOutputStream data = new DataOutputStream(out);
            data.write(MAGIC);
            data.writeInt(VERSION);
            data.writeUTF(kind);
            Map<StateStore.NameKey, ParamState> entries = new LinkedHashMap<>();
            for (Map.Entry<StateStore.Key, ParamState> e : store.states().entrySet()) {
                String name = stableName.apply(e.getKey().id());
                if (name == null) {
                    throw new IllegalArgumentException("stableName has no name for parameter id '"
                            + e.getKey().id() + "'; it must map every parameter the optimizer has seen");
                }
                entries.put(new StateStore.NameKey(name, e.getKey().device()), e.getValue());
            }
            entries.putAll(store.pending()); // loaded but not yet met: keep them
            data.writeInt(entries.size());
            for (Map.Entry<StateStore.NameKey, ParamState> e : entries.entrySet()) {
                writeEntry(data, e.getKey(), e.getValue());
            }
            if (inner == null) {
                data.writeInt(-1);
            } else {
                data.writeInt(inner.length);
                data.write(inner);
            }
            data.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write optimizer state", e);
        }
    }

    private static void writeEntry(DataOutputStream data, StateStore.NameKey key, ParamState s)
            throws IOException {
        data.writeUTF(key.name());
        data.writeUTF(key.device().getDeviceType());
        data.writeInt(key.device().getDeviceId());
        data.writeInt(s.tensors().size());
        for (Map.Entry<String, NDArray> t : s.tensors().entrySet()) {
            NDArray a = t.getValue();
            data.writeUTF(t.getKey());
            data.writeUTF(a.getDataType().name());
            long[] dims = a.getShape().getShape();
            data.writeInt(dims.length);
            for (long d : dims) {
                data.writeLong(d);
            }
            ByteBuffer buf = a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            data.writeInt(bytes.length);
            data.write(bytes);
        }
        data.writeInt(s.longs().size());
        for (Map.Entry<String, Long> c : s.longs().entrySet()) {
            data.writeUTF(c.getKey());
            data.writeLong(c.getValue());
        }
        data.writeInt(s.doubles().size());
        for (Map.Entry<String, Double> c : s.doubles().entrySet()) {
            data.writeUTF(c.getKey());
            data.writeLong(Double.doubleToRawLongBits(c.getValue()));
        }
    }

    /**
     * Reads one block into {@code store} (replacing its content) and returns the inner block, or null.
     *
     * @throws IllegalArgumentException if the stream is not a version-1 block of {@code kind}, or is truncated or
     *     corrupt (then nothing is loaded: {@code store} keeps its state and no array is left behind)
     */
    public static byte[] read(InputStream in, String kind, StateStore store, Function<String, String> stableName,
            NDManager manager) {
        try {
            DataInputStream data = new DataInputStream(in);
            byte[] magic = new byte[4];
            data.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not an optimizer state stream (magic "
                        + new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1) + ", expected LKST)");
            }
            int version = data.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("state format version = " + version + "; accepted: 1");
            }
            String savedKind = data.readUTF();
            if (!savedKind.equals(kind)) {
                throw new IllegalArgumentException("state was saved by a " + savedKind
                        + " optimizer, cannot be loaded into a " + kind);
            }
            int count = count(data.readInt(), "entry count");
            Map<StateStore.NameKey, ParamState> loaded = new LinkedHashMap<>();
            try {
                for (int i = 0; i < count; i++) {
                    readEntry(data, manager, loaded);
                }
                int innerLength = data.readInt();
                byte[] inner = null;
                if (innerLength >= 0) {
                    inner = new byte[innerLength];
                    data.readFully(inner);
                }
                store.replaceWithLoaded(loaded, stableName);
                return inner;
            } catch (IOException | RuntimeException e) {
                loaded.values().forEach(ParamState::close); // nothing half-loaded stays behind
                throw e;
            }
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("corrupt optimizer state of a " + kind + ": the stream ends early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read optimizer state", e);
        }
    }

    /** A count read from the stream, checked to be in [0, 2^24] (a corrupt stream fails clearly). */
    private static int count(int value, String what) {
        if (value < 0 || value > (1 << 24)) {
            throw new IllegalArgumentException("corrupt optimizer state: " + what + " = " + value
                    + "; accepted: [0, 16777216]");
        }
        return value;
    }

    private static void readEntry(DataInputStream data, NDManager manager,
            Map<StateStore.NameKey, ParamState> loaded) throws IOException {
        String name = data.readUTF();
        Device device = Device.of(data.readUTF(), data.readInt());
        ParamState s = new ParamState();
        loaded.put(new StateStore.NameKey(name, device), s); // closed by the caller if a later read fails
        int tensors = count(data.readInt(), "tensor count of " + name);
        for (int t = 0; t < tensors; t++) {
            String tensorName = data.readUTF();
            String dtypeName = data.readUTF();
            DataType dtype;
            try {
                dtype = DataType.valueOf(dtypeName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("corrupt optimizer state: dtype = '" + dtypeName + "' of "
                        + name + "." + tensorName + "; accepted: a DJL DataType name", e);
            }
            int rank = data.readInt();
            if (rank < 0 || rank > 32) {
                throw new IllegalArgumentException("corrupt optimizer state: rank = " + rank + " of " + name + "."
                        + tensorName + "; accepted: [0, 32]");
            }
            long[] dims = new long[rank];
            long elements = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = data.readLong();
                if (dims[d] < 0 || dims[d] > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("corrupt optimizer state: dimension = " + dims[d] + " of "
                            + name + "." + tensorName + "; accepted: [0, 2147483647]");
                }
                elements *= dims[d];
            }
            int length = data.readInt();
            if (elements > Integer.MAX_VALUE || length != elements * dtype.getNumOfBytes()) {
                throw new IllegalArgumentException("corrupt optimizer state: " + name + "." + tensorName + " has "
                        + length + " bytes; a " + dtype + " tensor of shape " + new Shape(dims) + " has "
                        + elements * dtype.getNumOfBytes());
            }
            byte[] bytes = new byte[length];
            data.readFully(bytes);
            ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.put(bytes).rewind();
            NDArray a = manager.create(buf, new Shape(dims), dtype);
            if (!a.getDevice().equals(device)) {
                NDArray moved = a.toDevice(device, true);
                a.close();
                a = moved;
            }
            s.putTensor(tensorName, a);
        }
        int counters = count(data.readInt(), "counter count of " + name);
        for (int c = 0; c < counters; c++) {
            s.setLong(data.readUTF(), data.readLong());
        }
        int scalars = count(data.readInt(), "scalar count of " + name);
        for (int c = 0; c < scalars; c++) {
            s.setDouble(data.readUTF(), Double.longBitsToDouble(data.readLong()));
        }
    }

    /** Runs {@code writer} into a byte array (used to length-prefix an inner block). */
    public static byte[] toBytes(java.util.function.Consumer<OutputStream> writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.accept(bytes);
        return bytes.toByteArray();
    }

    /** A stream over an inner block. */
    public static InputStream fromBytes(byte[] block) {
        return new ByteArrayInputStream(block);
    }
}
