package org.lookaheadlab.lab.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * The project's data set CSV ({@code shared/DESIGN.md}, CLI contract): optional comment lines starting with
 * {@code #}, a header {@code split,label,x0,…,x{L−1}}, then one row per sample: the split ({@code train},
 * {@code validation} or {@code test}), the integer class label and {@code L} feature values. Rows are written
 * train first, then validation, then test, each in order; floats with {@link Double#toString(double)}, which
 * reads back to the identical double. A name ending in {@code .gz} is written gzip-compressed; gzip input is
 * recognised by its magic bytes whatever the name. The file is written atomically ({@link AtomicFiles}), so a
 * failed write never leaves a half-written data set (and fails with an {@link java.io.UncheckedIOException}).
 *
 * <p>Reading checks every line and reports the first problem with the file, line and reason (wrong column
 * count, non-numeric or non-finite value, bad label or split name, truncated gzip) as a
 * {@link DatasetFormatException}.
 */
public final class DatasetCsv {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    private DatasetCsv() {}

    /** Writes a generated mnist1d data set, with its generator arguments in a leading comment line. */
    public static void write(Path file, Mnist1dDataset data) throws IOException {
        write(file, data.toSplits(), "mnist1d: " + data.config().toArgsJson());
    }

    /**
     * Writes {@code splits} (train, then validation if present, then test).
     *
     * @param comment text of a leading {@code #} comment line, or {@code null} for none; must be one line
     */
    public static void write(Path file, DataSplits splits, String comment) throws IOException {
        if (comment != null && (comment.indexOf('\n') >= 0 || comment.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("comment must be a single line, got " + comment.length()
                    + " characters containing a line break");
        }
        int width = splits.train().sampleSize();
        requireWidth(splits.validation(), width, VALIDATION);
        requireWidth(splits.test(), width, TEST);
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, expected a file name such as data.csv or data.csv.gz");
        }
        // atomically: a failure (a full disk) leaves no half-written file
        AtomicFiles.write(file, out -> writeTo(out, isGzipName(file), splits, comment, width));
    }

    private static void writeTo(OutputStream raw, boolean gzip, DataSplits splits, String comment, int width)
            throws IOException {
        try (OutputStream out = gzip ? fastGzip(raw) : raw;
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            if (comment != null) {
                w.write("# ");
                w.write(comment);
                w.write('\n');
            }
            StringBuilder sb = new StringBuilder(64 + 24 * width);
            sb.append("split,label");
            for (int j = 0; j < width; j++) {
                sb.append(",x").append(j);
            }
            sb.append('\n');
            w.write(sb.toString());
            writeRows(w, sb, TRAIN, splits.train());
            if (splits.validation() != null) {
                writeRows(w, sb, VALIDATION, splits.validation());
            }
            writeRows(w, sb, TEST, splits.test());
        }
    }

    /** gzip at the fastest level: about 6% larger than the default level, several times faster. */
    private static OutputStream fastGzip(OutputStream raw) throws IOException {
        return new GZIPOutputStream(raw, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private static void requireWidth(LabeledData data, int width, String split) {
        if (data != null && data.size() > 0 && data.sampleSize() != width) {
            throw new IllegalArgumentException(split + " samples have " + data.sampleSize()
                    + " values but train samples have " + width);
        }
    }

    private static void writeRows(Writer w, StringBuilder sb, String split, LabeledData data) throws IOException {
        double[][] x = data.features();
        int[] y = data.labels();
        for (int i = 0; i < y.length; i++) {
            sb.setLength(0);
            sb.append(split).append(',').append(y[i]);
            for (double v : x[i]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
            w.write(sb.toString());
        }
    }

    private static boolean isGzipName(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    /**
     * Reads a data set CSV into splits. The number of classes is the number of distinct labels, which must be
     * 0 … K−1 ({@link ClassCount}).
     *
     * @throws DatasetFormatException when the file is malformed (file, line and reason in the message)
     */
    public static DataSplits read(Path file) throws IOException {
        return read(file, 0);
    }

    /**
     * Reads a data set CSV into splits.
     *
     * @param numClasses number of classes; labels must lie in [0, numClasses). 0: the distinct labels, which must
     *     be 0 … K−1 ({@link ClassCount})
     * @throws DatasetFormatException when the file is malformed (file, line and reason in the message)
     */
    public static DataSplits read(Path file, int numClasses) throws IOException {
        ClassCount classes = new ClassCount(numClasses);
        Rows train = new Rows();
        Rows validation = new Rows();
        Rows test = new Rows();
        int width = -1;
        long lineNo = 0;
        try (BufferedReader in = open(file)) {
            String line;
            while (true) {
                try {
                    line = in.readLine();
                } catch (EOFException | ZipException e) {
                    throw DatasetFormatException.atLine(file, lineNo + 1,
                            "truncated or corrupt gzip data (" + e.getMessage() + ")");
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (width < 0) {
                    width = parseHeader(file, lineNo, line);
                    continue;
                }
                parseRow(file, lineNo, line, width, train, validation, test, classes);
            }
        }
        if (width < 0) {
            throw DatasetFormatException.atLine(file, lineNo, "no header line 'split,label,x0,...' found");
        }
        if (train.isEmpty()) {
            throw DatasetFormatException.atLine(file, lineNo, "no '" + TRAIN + "' rows");
        }
        if (test.isEmpty()) {
            throw DatasetFormatException.atLine(file, lineNo, "no '" + TEST + "' rows");
        }
        int k = classes.count();
        long[] shape = {width};
        return new DataSplits(
                train.toData(k, shape),
                validation.isEmpty() ? null : validation.toData(k, shape),
                test.toData(k, shape));
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = raw;
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                in = new GZIPInputStream(raw, 1 << 16);
            } catch (EOFException | ZipException e) {
                raw.close();
                throw DatasetFormatException.atOffset(file, 0, "truncated or corrupt gzip header (" + e.getMessage()
                        + ")");
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static int parseHeader(Path file, long lineNo, String line) throws DatasetFormatException {
        String[] cols = line.split(",", -1);
        if (cols.length < 3 || !cols[0].trim().equals("split") || !cols[1].trim().equals("label")) {
            throw DatasetFormatException.atLine(file, lineNo,
                    "expected the header 'split,label,x0,...' with at least one feature column, got '"
                            + abbreviate(line) + "'");
        }
        return cols.length - 2;
    }

    private static void parseRow(Path file, long lineNo, String line, int width, Rows train, Rows validation,
            Rows test, ClassCount classes) throws DatasetFormatException {
        int columns = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ',') {
                columns++;
            }
        }
        if (columns != width + 2) {
            throw DatasetFormatException.atLine(file, lineNo, "expected " + (width + 2)
                    + " columns (split, label and " + width + " features, as in the header), got " + columns);
        }
        int start = 0;
        int end = line.indexOf(',', start);
        String split = line.substring(start, end).trim();
        Rows rows = switch (split) {
            case TRAIN -> train;
            case VALIDATION, "val" -> validation;
            case TEST -> test;
            default -> throw DatasetFormatException.atLine(file, lineNo, "column 1 (split): '" + abbreviate(split)
                    + "' is not one of train, validation, test");
        };
        start = end + 1;
        end = line.indexOf(',', start);
        String labelText = line.substring(start, end).trim();
        int label;
        try {
            label = Integer.parseInt(labelText);
        } catch (NumberFormatException e) {
            throw DatasetFormatException.atLine(file, lineNo,
                    "column 2 (label): '" + abbreviate(labelText) + "' is not an integer");
        }
        classes.see(label, () -> file + ": line " + lineNo + ": column 2 (label)");
        double[] x = new double[width];
        for (int j = 0; j < width; j++) {
            start = end + 1;
            end = j == width - 1 ? line.length() : line.indexOf(',', start);
            String cell = line.substring(start, end);
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw DatasetFormatException.atLine(file, lineNo, "column " + (j + 3) + " (x" + j + "): '"
                        + abbreviate(cell) + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw DatasetFormatException.atLine(file, lineNo, "column " + (j + 3) + " (x" + j + "): '"
                        + abbreviate(cell) + "' is not a finite number");
            }
            x[j] = v;
        }
        rows.add(x, label);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Rows of one split while reading. */
    private static final class Rows {
        final List<double[]> features = new ArrayList<>();
        int[] labels = new int[64];
        int size;

        void add(double[] x, int label) {
            if (size == labels.length) {
                labels = Arrays.copyOf(labels, size * 2);
            }
            features.add(x);
            labels[size++] = label;
        }

        boolean isEmpty() {
            return size == 0;
        }

        LabeledData toData(int numClasses, long[] shape) {
            return new LabeledData(features.toArray(new double[0][]), Arrays.copyOf(labels, size), numClasses,
                    shape.clone());
        }
    }
}
