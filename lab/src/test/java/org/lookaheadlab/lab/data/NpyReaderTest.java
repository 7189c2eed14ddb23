package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .npy files written byte by byte here, following the documented format (magic {@code \x93NUMPY}, version,
 * little-endian header length, a Python-dict header padded with spaces to a multiple of 64 bytes and ending in a
 * newline, then the raw little-endian data), read back by {@link NpyReader}.
 */
class NpyReaderTest {

    @TempDir
    Path dir;

    /** A version 1.0 (or 2.0) .npy file with {@code header} and {@code data}. */
    private static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(prefix + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        b.put(h).put(data);
        return b.array();
    }

    private static byte[] float64(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putDouble(d);
        }
        return b.array();
    }

    private static byte[] float32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static byte[] int64(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long l : v) {
            b.putLong(l);
        }
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void float64MatrixRoundTripsInCOrder() throws IOException {
        double[] values = {0.1, -2.5, 1e-300, Double.MIN_VALUE, 1.0 / 3.0, -0.0};
        Path f = file("x.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                float64(values)));
        NpyArray a = NpyReader.read(f);
        assertEquals("<f8", a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertNull(a.longs());
        double[][] rows = a.toRows();
        assertArrayEquals(new double[] {0.1, -2.5, 1e-300}, rows[0]);
        assertArrayEquals(new double[] {Double.MIN_VALUE, 1.0 / 3.0, -0.0}, rows[1]);
        assertArrayEquals(new long[] {3}, a.rowShape());
    }

    @Test
    void float32IsWidenedExactly() throws IOException {
        Path f = file("f.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
                float32(0.1f, -1.5f, 3.4e38f)));
        assertArrayEquals(new double[] {0.1f, -1.5f, 3.4e38f}, NpyReader.read(f).doubles());
    }

    @Test
    void int64LabelsAndVersion2Headers() throws IOException {
        Path f = file("y.npy", npy(2, "{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }",
                int64(3, 0, 9, 1)));
        NpyArray a = NpyReader.read(f);
        assertTrue(a.isInteger());
        assertArrayEquals(new int[] {3, 0, 9, 1}, a.toLabels());
    }

    @Test
    void threeDimensionalArraysKeepTheirSampleShape() throws IOException {
        double[] v = new double[2 * 2 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Path x = file("x3.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 3), }",
                float64(v)));
        Path y = file("y3.npy", npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", int64(1, 0)));
        LabeledData d = NpyReader.readLabeled(x, y, 0);
        assertArrayEquals(new long[] {2, 3}, d.sampleShape());
        assertArrayEquals(new double[] {6, 7, 8, 9, 10, 11}, d.features()[1]);
        assertEquals(2, d.numClasses());
    }

    /** The mnist1d keys in {@link #dir}: two rows of two features per split, the given labels. */
    private void twoSplits(long[] y, long[] yTest) throws IOException {
        String m = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
        String l = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }";
        file("x.npy", npy(1, m, float64(1, 2, 3, 4)));
        file("y.npy", npy(1, l, int64(y)));
        file("x_test.npy", npy(1, m, float64(5, 6, 7, 8)));
        file("y_test.npy", npy(1, l, int64(yTest)));
    }

    @Test
    void folderWithTheMnist1dKeysLoadsAsSplits() throws IOException {
        twoSplits(new long[] {0, 3}, new long[] {2, 1});
        DataSplits s = NpyReader.readSplits(dir);
        assertEquals(4, s.train().numClasses(), "the classes of all splits together");
        assertEquals(4, s.test().numClasses());
        assertArrayEquals(new double[] {7, 8}, s.test().features()[1]);
    }

    /** Issue 16 item 6: the classes of a folder are those of all its splits; a label outside them is named. */
    @Test
    void aLabelOutsideTheClassesNamesItsFileAndIndex() throws IOException {
        twoSplits(new long[] {0, 1}, new long[] {1, 12});
        Path yTest = dir.resolve("y_test.npy");
        DatasetFormatException inferred = assertThrows(DatasetFormatException.class, () -> NpyReader.readSplits(dir));
        assertEquals(yTest + ": label at index 1: 12 is outside the class range [0, 3) inferred from the data (3 "
                + "distinct labels, but no row has label 2); give --num-classes N if some classes have no rows",
                inferred.getMessage());
        DatasetFormatException given = assertThrows(DatasetFormatException.class,
                () -> NpyReader.readSplits(dir, 10));
        assertEquals(yTest + ": label at index 1: 12 is outside the accepted range [0, 10)", given.getMessage());
        DataSplits s = NpyReader.readSplits(dir, 13);
        assertEquals(13, s.train().numClasses());
        assertEquals(13, s.test().numClasses());
    }

    @Test
    void unsupportedDtypeIsReportedWithOffset() throws IOException {
        Path f = file("big.npy", npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }",
                float64(1)));
        assertError(f, ": byte offset 10: unsupported dtype '>f8' (supported: '<f4' float32, '<f8' float64, "
                + "'<i8' int64, all little-endian)");
        Path i4 = file("i4.npy", npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }",
                float64(1)));
        assertError(i4, ": byte offset 10: unsupported dtype '<i4' (supported: '<f4' float32, '<f8' float64, "
                + "'<i8' int64, all little-endian)");
    }

    @Test
    void fortranOrderBadMagicAndTruncationAreReported() throws IOException {
        assertError(file("fo.npy", npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }",
                float64(1))), ": byte offset 10: fortran_order True is not supported (only C order arrays)");
        byte[] good = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", float64(1, 2, 3, 4));
        byte[] bad = good.clone();
        bad[1] = 'X';
        assertError(file("magic.npy", bad),
                ": byte offset 1: not a .npy file (the magic string \\x93NUMPY is missing)");
        assertError(file("cut.npy", Arrays.copyOf(good, good.length - 5)),
                ": byte offset " + (good.length - 5) + ": truncated data: shape 2, 2 of <f8 needs 32 bytes after "
                        + "the header (offset " + (good.length - 32) + "), found 27");
        assertError(file("short.npy", Arrays.copyOf(good, 30)),
                ": byte offset 30: truncated header: needs bytes up to offset " + (good.length - 32)
                        + " but the file has 30 bytes");
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        longer.write(good);
        longer.write(new byte[3]);
        assertError(file("long.npy", longer.toByteArray()),
                ": byte offset " + good.length + ": 3 unexpected trailing bytes after the 32 data bytes of shape 2, 2");
    }

    @Test
    void aShapeTooLargeToCountIsReportedNotThrownAsArithmeticException() throws IOException {
        // 2^40 · 2^40 elements overflow a long; 2^31 · 2^31 elements fit but their byte count (·8) does not
        assertError(file("huge.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776, "
                + "1099511627776), }", new byte[0])), ": byte offset 10: shape (1099511627776, 1099511627776) has more "
                + "elements than a 64-bit size can count");
        assertError(file("bytes.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483648, "
                + "2147483648), }", new byte[0])), ": byte offset 10: shape (2147483648, 2147483648) has more "
                + "elements than a 64-bit size can count");
    }

    @Test
    void labelsMustBeNonNegativeIntegers() throws IOException {
        Path x = file("x.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }",
                float64(1, 2)));
        Path y = file("y.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                float64(1, 0.5)));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> NpyReader.readLabeled(x, y, 0));
        assertEquals(y + ": label at index 1 is 0.5, accepted: integers in [0, 2147483647]", e.getMessage());
        Path y3 = file("y3.npy", npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }",
                int64(1, 0, 1)));
        DatasetFormatException m = assertThrows(DatasetFormatException.class,
                () -> NpyReader.readLabeled(x, y3, 0));
        assertTrue(m.getMessage().contains("the first axis must match"), m.getMessage());
    }

    /** Issue 16 item 7: these used to end in an engine exception or a run that "diverged" at step 1. */
    @Test
    void splitsWithOtherFeaturesOneDimensionalOrNonFiniteFeaturesAreRefused() throws IOException {
        String l = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }";
        Path x = file("x.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                float64(1, 2, 3, 4, 5, 6)));
        file("y.npy", npy(1, l, int64(0, 1)));
        Path xTest = file("x_test.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
                float64(1, 2, 3, 4)));
        file("y_test.npy", npy(1, l, int64(1, 0)));
        assertEquals(xTest + ": shape (2, 2) has rows of 2 features but x.npy has rows of 3 features (shape (2, 3)); "
                + "every split needs the same features", assertThrows(DatasetFormatException.class,
                        () -> NpyReader.readSplits(dir)).getMessage());

        file("x_test.npy", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                float32(1, 2, 3, 4, Float.NaN, 6)));
        assertEquals(xTest + ": row 1, column 1 is NaN, accepted: finite numbers",
                assertThrows(DatasetFormatException.class, () -> NpyReader.readSplits(dir)).getMessage());
        file("x_test.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                float64(1, 2, Double.NEGATIVE_INFINITY, 4, 5, 6)));
        assertEquals(xTest + ": row 0, column 2 is -Infinity, accepted: finite numbers",
                assertThrows(DatasetFormatException.class, () -> NpyReader.readSplits(dir)).getMessage());

        file("x.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", float64(1, 2)));
        assertEquals(x + ": shape (2,) is 1-D, accepted: 2 or more dimensions (rows × features; reshape(-1, 1) for "
                + "one feature)", assertThrows(DatasetFormatException.class, () -> NpyReader.readSplits(dir))
                        .getMessage());

        file("x.npy", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", float64(1, 2, 3, 4, 5, 6)));
        assertEquals(x + " has 3 rows (shape (3, 2)) but " + dir.resolve("y.npy") + " has 2 labels; the first axis "
                + "must match", assertThrows(DatasetFormatException.class, () -> NpyReader.readSplits(dir))
                        .getMessage());
    }

    private static void assertError(Path file, String expectedSuffix) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> NpyReader.read(file));
        assertEquals(file + expectedSuffix, e.getMessage());
    }
}
