package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips of the data set CSV (plain and gzip) and the errors for malformed files. */
class DatasetCsvTest {

    @TempDir
    Path dir;

    private static final double[] AWKWARD = {0.1, -0.0, 1e-300, Double.MIN_VALUE, 1.0 / 3.0, -123456789.0123,
        Double.MAX_VALUE, 4.9e-324, 2.0E-3, 1e22};

    private static DataSplits sample(boolean withValidation) {
        double[][] train = {AWKWARD.clone(), reversed(AWKWARD)};
        double[][] val = {new double[AWKWARD.length]};
        double[][] test = {reversed(AWKWARD), AWKWARD.clone(), AWKWARD.clone()};
        return new DataSplits(
                LabeledData.flat(train, new int[] {3, 0}, 4),
                withValidation ? LabeledData.flat(val, new int[] {2}, 4) : null,
                LabeledData.flat(test, new int[] {1, 3, 0}, 4));
    }

    private static double[] reversed(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }

    @Test
    void plainAndGzipRoundTripsAreBitExact() throws IOException {
        for (String name : List.of("data.csv", "data.csv.gz")) {
            for (boolean withValidation : new boolean[] {false, true}) {
                Path file = dir.resolve(withValidation + name);
                DataSplits in = sample(withValidation);
                DatasetCsv.write(file, in, "a comment");
                DataSplits out = DatasetCsv.read(file, 4); // without validation, class 2 has no rows
                assertSame(in.train(), out.train());
                assertSame(in.test(), out.test());
                if (withValidation) {
                    assertNotNull(out.validation());
                    assertSame(in.validation(), out.validation());
                } else {
                    assertNull(out.validation());
                }
                byte[] head = Arrays.copyOf(Files.readAllBytes(file), 2);
                assertEquals(name.endsWith(".gz"), head[0] == (byte) 0x1f && head[1] == (byte) 0x8b, name);
            }
        }
    }

    @Test
    void writtenFileHasTheDocumentedLayout() throws IOException {
        Path file = dir.resolve("layout.csv");
        DatasetCsv.write(file, sample(false), null);
        List<String> lines = Files.readAllLines(file);
        assertEquals("split,label,x0,x1,x2,x3,x4,x5,x6,x7,x8,x9", lines.get(0));
        assertTrue(lines.get(1).startsWith("train,3,0.1,-0.0,1.0E-300,4.9E-324,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("test,1,"), lines.get(3));
        assertEquals(6, lines.size());
    }

    @Test
    void generatedMnist1dRoundTripsWithItsArguments() throws IOException {
        Mnist1dConfig config = Mnist1dConfig.builder().numSamples(200).seed(3).build();
        Mnist1dDataset data = Mnist1dGenerator.generate(config);
        Path file = dir.resolve("m.csv.gz");
        DatasetCsv.write(file, data);
        DataSplits back = DatasetCsv.read(file);
        assertSame(data.toSplits().train(), back.train());
        assertSame(data.toSplits().test(), back.test());
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String comment = in.readLine();
            assertEquals("# mnist1d: " + config.toArgsJson(), comment);
        }
    }

    @Test
    void wrongColumnCountNamesFileLineAndCounts() throws IOException {
        Path file = write("bad.csv", "# c\nsplit,label,x0,x1\ntrain,1,0.5,0.25\ntrain,0,0.5\ntest,1,1,2\n");
        assertError(file, ": line 4: expected 4 columns (split, label and 2 features, as in the header), got 3");
    }

    @Test
    void nonNumericCellNamesTheColumn() throws IOException {
        Path file = write("bad.csv", "split,label,x0,x1\ntrain,1,0.5,abc\ntest,1,1,2\n");
        assertError(file, ": line 2: column 4 (x1): 'abc' is not a number");
        assertError(write("nan.csv", "split,label,x0\ntrain,1,NaN\ntest,1,1\n"),
                ": line 2: column 3 (x0): 'NaN' is not a finite number");
        assertError(write("label.csv", "split,label,x0\ntrain,one,1\ntest,1,1\n"),
                ": line 2: column 2 (label): 'one' is not an integer");
        assertError(write("neg.csv", "split,label,x0\ntrain,-1,1\ntest,1,1\n"),
                ": line 2: column 2 (label): -1 is outside the accepted range [0, inf)");
        assertError(write("split.csv", "split,label,x0\ntrian,1,1\ntest,1,1\n"),
                ": line 2: column 1 (split): 'trian' is not one of train, validation, test");
    }

    @Test
    void missingHeaderOrSplitsAreReported() throws IOException {
        assertError(write("nohead.csv", "train,1,0.5\n"),
                ": line 1: expected the header 'split,label,x0,...' with at least one feature column, got "
                        + "'train,1,0.5'");
        assertError(write("empty.csv", ""), ": line 0: no header line 'split,label,x0,...' found");
        assertError(write("notest.csv", "split,label,x0\ntrain,1,0.5\n"), ": line 2: no 'test' rows");
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        Path whole = dir.resolve("whole.csv.gz");
        DatasetCsv.write(whole, Mnist1dGenerator.generate(Mnist1dConfig.builder().numSamples(100).build()));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetCsv.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": line "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt gzip data"), e.getMessage());
        Path header = dir.resolve("header.csv.gz");
        Files.write(header, Arrays.copyOf(bytes, 5));
        DatasetFormatException h = assertThrows(DatasetFormatException.class, () -> DatasetCsv.read(header));
        assertTrue(h.getMessage().startsWith(header + ": byte offset 0: truncated or corrupt gzip header"),
                h.getMessage());
    }

    @Test
    void numClassesCanBeGivenAndIsEnforced() throws IOException {
        Path file = write("c.csv.gz", "split,label,x0\ntrain,1,0.5\ntest,0,1\n");
        assertEquals(2, DatasetCsv.read(file).train().numClasses());
        assertEquals(10, DatasetCsv.read(file, 10).test().numClasses());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetCsv.read(file, 1));
        assertTrue(e.getMessage().endsWith(": line 2: column 2 (label): 1 is outside the accepted range [0, 1)"),
                e.getMessage());
    }

    /** Issue 16 item 6: one label 12 in a 10-class file used to train a 13-output model silently. */
    @Test
    void aLabelBeyondTheDistinctLabelsIsRefusedWithItsLine() throws IOException {
        StringBuilder csv = new StringBuilder("split,label,x0\n");
        for (int c = 0; c < 10; c++) {
            csv.append("train,").append(c).append(",0.5\n");
        }
        csv.append("train,12,0.5\ntest,3,1\n"); // line 12
        Path file = write("typo.csv", csv.toString());
        assertError(file, ": line 12: column 2 (label): 12 is outside the class range [0, 11) inferred from the data "
                + "(11 distinct labels, but no row has label 10); give --num-classes N if some classes have no rows");
        assertEquals(file + ": line 12: column 2 (label): 12 is outside the accepted range [0, 10)",
                assertThrows(DatasetFormatException.class, () -> DatasetCsv.read(file, 10)).getMessage());
        assertEquals(13, DatasetCsv.read(file, 13).train().numClasses(), "a given count allows classes without rows");
    }

    /** Issue 16 item 6: all labels 1000000 used to build a 1,000,001-class output. */
    @Test
    void labelsThatAreNotCountedFromZeroAreRefused() throws IOException {
        Path file = write("million.csv", "split,label,x0\ntrain,1000000,0.5\ntrain,1000000,0.25\ntest,1000000,1\n");
        assertError(file, ": line 2: column 2 (label): 1000000 is outside the class range [0, 1) inferred from the "
                + "data (1 distinct label, but no row has label 0); give --num-classes N if some classes have no rows");
        Path gaps = write("gaps.csv", "split,label,x0\ntrain,0,0.5\ntrain,7,0.25\ntest,9,1\n");
        assertError(gaps, ": line 3: column 2 (label): 7 is outside the class range [0, 3) inferred from the data "
                + "(3 distinct labels, but no row has label 1, 2); give --num-classes N if some classes have no rows");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }

    private static void assertError(Path file, String expectedSuffix) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> DatasetCsv.read(file));
        assertEquals(file + expectedSuffix, e.getMessage());
    }

    static void assertSame(LabeledData expected, LabeledData actual) {
        assertArrayEquals(expected.labels(), actual.labels());
        assertEquals(expected.features().length, actual.features().length);
        for (int i = 0; i < expected.features().length; i++) {
            double[] e = expected.features()[i];
            double[] a = actual.features()[i];
            assertEquals(e.length, a.length);
            for (int j = 0; j < e.length; j++) {
                assertEquals(Double.doubleToRawLongBits(e[j]), Double.doubleToRawLongBits(a[j]),
                        "row " + i + " x" + j + ": " + e[j] + " vs " + a[j]);
            }
        }
    }
}
