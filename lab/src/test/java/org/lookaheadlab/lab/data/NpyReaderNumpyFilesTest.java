package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NpyReader} on files written by NumPy itself (NumPy 2.4.6, {@code np.save} and
 * {@code np.lib.format.write_array}), embedded here as Base64, so the reader is checked against the real format
 * and not only against this project's idea of it. The arrays, in NumPy:
 * <pre>
 * F32     = np.array([[0.1, -1.5, 3.0], [2.5, 1e-3, -7.25]], dtype=np.float32)       # np.save
 * F64     = np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 8.0 - 1.0              # np.save
 * I64_V2  = np.array([3, 0, 9], dtype=np.int64)                       # write_array(version=(2, 0))
 * FORTRAN = np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3))          # np.save
 * BIG     = np.arange(3, dtype='&gt;f8')                                                 # np.save
 * I32     = np.arange(3, dtype=np.int32)                                               # np.save
 * </pre>
 */
class NpyReaderNumpyFilesTest {

    private static final String F32 =
            "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIArNzMw9AADAvwAAQEAAACBA"
            + "bxKDOgAA6MA=";
    private static final String F64 =
            "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMsIDQpLCB9"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADwvwAAAAAAAOy/"
            + "AAAAAAAA6L8AAAAAAADkvwAAAAAAAOC/AAAAAAAA2L8AAAAAAADQvwAAAAAAAMC/AAAAAAAAAAAAAAAAAADAPwAAAAAAANA/"
            + "AAAAAAAA2D8AAAAAAADgPwAAAAAAAOQ/AAAAAAAA6D8AAAAAAADsPwAAAAAAAPA/AAAAAAAA8j8AAAAAAAD0PwAAAAAAAPY/"
            + "AAAAAAAA+D8AAAAAAAD6PwAAAAAAAPw/AAAAAAAA/j8=";
    private static final String I64_V2 =
            "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8aTgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoDAAAAAAAAAAAAAAAAAAAA"
            + "CQAAAAAAAAA=";
    private static final String FORTRAN =
            "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAAhA"
            + "AAAAAAAA8D8AAAAAAAAQQAAAAAAAAABAAAAAAAAAFEA=";
    private static final String BIG =
            "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAD/wAAAAAAAA"
            + "QAAAAAAAAAA=";
    private static final String I32 =
            "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAg"
            + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAQAAAAIAAAA=";

    @TempDir
    Path dir;

    private Path file(String name, String base64) throws IOException {
        return Files.write(dir.resolve(name), Base64.getDecoder().decode(base64));
    }

    @Test
    void float32MatrixFromNumpy() throws IOException {
        NpyArray a = NpyReader.read(file("f32.npy", F32));
        assertEquals("<f4", a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        double[][] rows = a.toRows();
        assertArrayEquals(new double[] {0.1f, -1.5f, 3.0f}, rows[0]);
        assertArrayEquals(new double[] {2.5f, 1e-3f, -7.25f}, rows[1]);
    }

    @Test
    void float64ThreeDimensionalArrayFromNumpyKeepsCOrder() throws IOException {
        NpyArray a = NpyReader.read(file("f64.npy", F64));
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        assertArrayEquals(new long[] {3, 4}, a.rowShape());
        double[][] rows = a.toRows();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 12; j++) {
                assertEquals((12 * i + j) / 8.0 - 1.0, rows[i][j], 0.0, "element " + i + "," + j);
            }
        }
    }

    @Test
    void int64LabelsInFormatVersion2FromNumpy() throws IOException {
        NpyArray a = NpyReader.read(file("y.npy", I64_V2));
        assertEquals("<i8", a.dtype());
        assertArrayEquals(new int[] {3, 0, 9}, a.toLabels());
    }

    @Test
    void numpyFilesTheReaderDoesNotSupportAreRejectedWithTheReason() throws IOException {
        Path fortran = file("fortran.npy", FORTRAN);
        assertMessage(fortran, "fortran_order True is not supported");
        assertMessage(file("big.npy", BIG), "unsupported dtype '>f8'");
        assertMessage(file("i32.npy", I32), "unsupported dtype '<i4'");
    }

    @Test
    void featureAndLabelFilesOfDifferentLengthsAreRejected() throws IOException {
        // the mnist1d key names x, y, x_test, y_test: 2 feature rows (float32) but 3 labels (int64)
        Files.write(dir.resolve("x.npy"), Base64.getDecoder().decode(F32));
        Files.write(dir.resolve("x_test.npy"), Base64.getDecoder().decode(F32));
        Path labels = file("labels.npy", I64_V2);
        Files.copy(labels, dir.resolve("y.npy"));
        Files.copy(labels, dir.resolve("y_test.npy"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> NpyReader.readSplits(dir));
        assertTrue(e.getMessage().contains("has 2 rows (shape (2, 3)) but") && e.getMessage().contains("has 3 labels"),
                e.getMessage());
    }

    private static void assertMessage(Path file, String reason) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> NpyReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": byte offset "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
