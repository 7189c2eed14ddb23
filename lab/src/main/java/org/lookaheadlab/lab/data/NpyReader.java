package org.lookaheadlab.lab.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding little-endian {@code float32}
 * ({@code <f4}), {@code float64} ({@code <f8}) or {@code int64} ({@code <i8}) arrays in C order.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, a major and a minor version byte, the header length (little-endian
 * {@code uint16} for version 1, {@code uint32} for versions 2 and 3), the header (a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (4000, 40), }}, padded with spaces and ending in a
 * newline), then the raw data. Anything else — bad magic, an unsupported dtype, Fortran order, a data section
 * shorter or longer than the shape needs — is a {@link DatasetFormatException} naming the file, the byte offset
 * and the reason. Data sets ({@link #readLabeled}, {@link #readSplits}) are checked as the CSV reader checks its
 * rows: features at least 2-D and finite, one label per row, the same features in every split, and labels in the
 * class range ({@link ClassCount}); a message names the file and the row, column or index.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /** Reads a whole {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MAGIC.length + 2) {
            throw DatasetFormatException.atOffset(file, bytes.length, "truncated: a .npy file starts with 8 bytes "
                    + "(magic \\x93NUMPY and version), found only " + bytes.length);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw DatasetFormatException.atOffset(file, i, "not a .npy file (the magic string \\x93NUMPY is "
                        + "missing)");
            }
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            requireAvailable(file, bytes, 8, 2, "header length");
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            requireAvailable(file, bytes, 8, 4, "header length");
            headerLength = buf.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw DatasetFormatException.atOffset(file, 6, "unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        requireAvailable(file, bytes, headerStart, headerLength, "header");
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        long dataStart = headerStart + headerLength;

        String descr = find(file, headerStart, header, DESCR, "descr");
        String fortran = find(file, headerStart, header, FORTRAN, "fortran_order");
        String shapeText = find(file, headerStart, header, SHAPE, "shape");
        if (fortran.equals("True")) {
            throw DatasetFormatException.atOffset(file, headerStart,
                    "fortran_order True is not supported (only C order arrays)");
        }
        int itemSize = switch (descr) {
            case "<f4" -> 4;
            case "<f8", "<i8" -> 8;
            default -> throw DatasetFormatException.atOffset(file, headerStart, "unsupported dtype '" + descr
                    + "' (supported: '<f4' float32, '<f8' float64, '<i8' int64, all little-endian)");
        };
        long[] shape = parseShape(file, headerStart, shapeText);
        long count = 1;
        long needed;
        try {
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            needed = Math.multiplyExact(count, itemSize);
        } catch (ArithmeticException e) {
            throw DatasetFormatException.atOffset(file, headerStart, "shape (" + shapeText.trim()
                    + ") has more elements than a 64-bit size can count");
        }
        long available = bytes.length - dataStart;
        if (available < needed) {
            throw DatasetFormatException.atOffset(file, bytes.length, "truncated data: shape "
                    + shapeText.trim() + " of " + descr + " needs " + needed + " bytes after the header (offset "
                    + dataStart + "), found " + available);
        }
        if (available > needed) {
            throw DatasetFormatException.atOffset(file, dataStart + needed, (available - needed)
                    + " unexpected trailing bytes after the " + needed + " data bytes of shape " + shapeText.trim());
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw DatasetFormatException.atOffset(file, headerStart, "array of " + count
                    + " elements is too large (at most " + (Integer.MAX_VALUE - 8) + ")");
        }
        int n = (int) count;
        int p = (int) dataStart;
        switch (descr) {
            case "<f4" -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = buf.getFloat(p + 4 * i);
                }
                return new NpyArray(descr, shape, out, null);
            }
            case "<f8" -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = buf.getDouble(p + 8 * i);
                }
                return new NpyArray(descr, shape, out, null);
            }
            default -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = buf.getLong(p + 8 * i);
                }
                return new NpyArray(descr, shape, null, out);
            }
        }
    }

    /** A shape as NumPy prints it: {@code (4000, 40)}, {@code (4000,)}, {@code ()}. */
    static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static void requireAvailable(Path file, byte[] bytes, long offset, long length, String what)
            throws DatasetFormatException {
        if (offset + length > bytes.length) {
            throw DatasetFormatException.atOffset(file, bytes.length, "truncated " + what + ": needs bytes up to "
                    + "offset " + (offset + length) + " but the file has " + bytes.length + " bytes");
        }
    }

    private static String find(Path file, int headerStart, String header, Pattern pattern, String key)
            throws DatasetFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw DatasetFormatException.atOffset(file, headerStart, "header has no valid '" + key + "' entry: "
                    + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(Path file, int headerStart, String text) throws DatasetFormatException {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return new long[0];
        }
        String[] parts = trimmed.split(",");
        int n = parts.length;
        if (parts[n - 1].isBlank()) {
            n--;
        }
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                throw DatasetFormatException.atOffset(file, headerStart,
                        "shape entry '" + parts[i].trim() + "' is not an integer in shape (" + text + ")");
            }
            if (shape[i] < 0) {
                throw DatasetFormatException.atOffset(file, headerStart,
                        "shape entry " + shape[i] + " is negative in shape (" + text + ")");
            }
        }
        return shape;
    }

    /**
     * Loads features and labels from two {@code .npy} files: {@code features} with one sample per entry of its
     * first axis, {@code labels} a 1-D integer array of the same length.
     *
     * @param numClasses number of classes; 0: the distinct labels, which must be 0 … K−1 ({@link ClassCount})
     */
    public static LabeledData readLabeled(Path features, Path labels, int numClasses) throws IOException {
        Pair pair = Pair.read(features, labels);
        ClassCount classes = new ClassCount(numClasses);
        pair.countClasses(classes);
        return pair.toData(classes.count());
    }

    /**
     * Loads a folder holding the mnist1d keys as {@code .npy} files: {@code x.npy}, {@code y.npy},
     * {@code x_test.npy}, {@code y_test.npy}, and optionally {@code x_val.npy} / {@code y_val.npy}. The number of
     * classes is that of the labels of all splits together ({@link ClassCount}).
     */
    public static DataSplits readSplits(Path folder) throws IOException {
        return readSplits(folder, 0);
    }

    /**
     * Loads a folder as {@link #readSplits(Path)} does.
     *
     * @param numClasses number of classes; labels must lie in [0, numClasses). 0: the distinct labels of all
     *     splits, which must be 0 … K−1
     */
    public static DataSplits readSplits(Path folder, int numClasses) throws IOException {
        for (String name : new String[] {"x.npy", "y.npy", "x_test.npy", "y_test.npy"}) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                throw new DatasetFormatException(folder + ": missing " + name
                        + " (expected x.npy, y.npy, x_test.npy, y_test.npy, optionally x_val.npy, y_val.npy)");
            }
        }
        Pair train = Pair.read(folder.resolve("x.npy"), folder.resolve("y.npy"));
        Pair val = null;
        if (Files.isRegularFile(folder.resolve("x_val.npy"))) {
            val = Pair.read(folder.resolve("x_val.npy"), folder.resolve("y_val.npy"));
        }
        Pair test = Pair.read(folder.resolve("x_test.npy"), folder.resolve("y_test.npy"));
        if (val != null) {
            val.requireFeaturesOf(train);
        }
        test.requireFeaturesOf(train);
        ClassCount classes = new ClassCount(numClasses);
        train.countClasses(classes);
        if (val != null) {
            val.countClasses(classes);
        }
        test.countClasses(classes);
        int k = classes.count();
        return new DataSplits(train.toData(k), val == null ? null : val.toData(k), test.toData(k));
    }

    /**
     * The features and labels of one split, as read and checked: features at least 2-D (rows × features …) and
     * finite, one label per row.
     */
    private record Pair(Path features, Path labels, NpyArray x, int[] y) {

        static Pair read(Path features, Path labels) throws IOException {
            NpyArray x = NpyReader.read(features);
            if (x.shape().length < 2) {
                throw new DatasetFormatException(features + ": shape " + shapeText(x.shape()) + " is "
                        + x.shape().length + "-D, accepted: 2 or more dimensions (rows × features; "
                        + "reshape(-1, 1) for one feature)");
            }
            requireFinite(features, x);
            NpyArray y = NpyReader.read(labels);
            int[] yy;
            try {
                yy = y.toLabels();
            } catch (IllegalArgumentException e) {
                throw new DatasetFormatException(labels + ": " + e.getMessage(), e);
            }
            if (x.shape()[0] != yy.length) {
                throw new DatasetFormatException(features + " has " + x.shape()[0] + " rows (shape "
                        + shapeText(x.shape()) + ") but " + labels + " has " + yy.length + " labels; the first axis "
                        + "must match");
            }
            return new Pair(features, labels, x, yy);
        }

        private static void requireFinite(Path features, NpyArray x) throws DatasetFormatException {
            double[] v = x.doubles();
            if (v == null || v.length == 0) {
                return; // int64 features are finite
            }
            int width = (int) (x.size() / x.shape()[0]);
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new DatasetFormatException(features + ": row " + i / width + ", column " + i % width
                            + " is " + v[i] + ", accepted: finite numbers");
                }
            }
        }

        /** Refuses a split whose rows do not have the shape of {@code train}'s rows. */
        void requireFeaturesOf(Pair train) throws DatasetFormatException {
            if (!Arrays.equals(x.rowShape(), train.x.rowShape())) {
                throw new DatasetFormatException(features + ": shape " + shapeText(x.shape()) + " has rows of "
                        + describeRow(x) + " but " + train.features.getFileName() + " has rows of "
                        + describeRow(train.x) + " (shape " + shapeText(train.x.shape()) + "); every split needs the "
                        + "same features");
            }
        }

        private static String describeRow(NpyArray a) {
            long[] row = a.rowShape();
            return row.length == 1 ? row[0] + " features" : "shape " + shapeText(row);
        }

        void countClasses(ClassCount classes) throws DatasetFormatException {
            for (int i = 0; i < y.length; i++) {
                int index = i;
                classes.see(y[i], () -> labels + ": label at index " + index);
            }
        }

        LabeledData toData(int numClasses) {
            return new LabeledData(x.toRows(), y, numClasses, x.rowShape());
        }
    }
}
