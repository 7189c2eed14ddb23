package org.lookaheadlab.lab.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Writes small version 1.0 {@code .npy} files for tests (a test helper). */
public final class NpyFiles {

    private NpyFiles() {}

    /** A version 1.0 .npy file: magic, version, header length, the dict padded to 64 bytes, little-endian data. */
    static byte[] npy(String descr, String shape, int itemBytes, Consumer<ByteBuffer> data) {
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + shape + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer body = ByteBuffer.allocate(64 * itemBytes).order(ByteOrder.LITTLE_ENDIAN);
        data.accept(body);
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + body.position()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.US_ASCII));
        b.put(body.array(), 0, body.position());
        return b.array();
    }

    /** Writes a float64 array of {@code shape} (NumPy's text, e.g. {@code (3, 2)}; at most 64 values). */
    public static Path float64(Path file, String shape, double... values) throws IOException {
        Files.write(file, npy("<f8", shape, 8, b -> {
            for (double v : values) {
                b.putDouble(v);
            }
        }));
        return file;
    }

    /** Writes a 1-D int64 array (at most 64 values). */
    public static Path int64(Path file, long... values) throws IOException {
        Files.write(file, npy("<i8", "(" + values.length + ",)", 8, b -> {
            for (long v : values) {
                b.putLong(v);
            }
        }));
        return file;
    }
}
