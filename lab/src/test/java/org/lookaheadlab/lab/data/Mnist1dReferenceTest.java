package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven acceptance test: for every {@code mnist1d-*.csv.gz} in {@code ../shared/reference/mnist1d}, made by
 * the original Python generator, read the generator arguments from the comment line
 * ({@code # mnist1d reference: {json}}), generate with our generator and compare: split names, labels and row
 * order exactly, every x value within 1e-12 absolute. When a sibling {@code <name>-t.csv} exists, the time axis
 * must match within 1e-12 too. Nothing here depends on the particular files present.
 */
class Mnist1dReferenceTest {

    private static final double TOLERANCE = 1e-12;
    private static final String COMMENT_PREFIX = "# mnist1d reference:";

    @TestFactory
    Stream<DynamicTest> everyReferenceFileIsReproduced() throws IOException {
        Path folder = SharedReference.mnist1dFolder();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("mnist1d-") && n.endsWith(".csv.gz");
                    })
                    .sorted()
                    .forEach(files::add);
        }
        if (files.isEmpty()) {
            SharedReference.missing("no mnist1d-*.csv.gz file in " + folder);
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            String comment = in.readLine();
            assertTrue(comment != null && comment.startsWith(COMMENT_PREFIX),
                    file + ": first line must start with '" + COMMENT_PREFIX + "', got " + comment);
            Map<String, Object> args = new ObjectMapper().readValue(
                    comment.substring(COMMENT_PREFIX.length()).trim(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
            Mnist1dConfig config = Mnist1dConfig.fromArgs(args);
            Mnist1dDataset data = Mnist1dGenerator.generate(config);

            String header = in.readLine();
            int width = config.finalSeqLength();
            assertEquals(expectedHeader(width), header, file + ": header");
            int total = data.trainSize() + data.testSize();
            int row = 0;
            double maxDiff = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                int lineNo = row + 3;
                if (row >= total) {
                    fail(file + ": more rows than the " + total + " generated, at line " + lineNo);
                }
                String[] cells = line.split(",", -1);
                assertEquals(width + 2, cells.length, file + " line " + lineNo + ": column count");
                boolean train = row < data.trainSize();
                int i = train ? row : row - data.trainSize();
                double[] x = train ? data.x()[i] : data.xTest()[i];
                int y = train ? data.y()[i] : data.yTest()[i];
                assertEquals(train ? "train" : "test", cells[0], file + " line " + lineNo + ": split");
                assertEquals(y, Integer.parseInt(cells[1]), file + " line " + lineNo + ": label");
                for (int j = 0; j < width; j++) {
                    double expected = Double.parseDouble(cells[j + 2]);
                    double diff = Math.abs(expected - x[j]);
                    if (!(diff <= TOLERANCE)) {
                        fail(file + " line " + lineNo + " x" + j + ": expected " + expected + " but generated "
                                + x[j] + " (|diff| " + diff + " > " + TOLERANCE + ")");
                    }
                    maxDiff = Math.max(maxDiff, diff);
                }
                row++;
            }
            assertEquals(total, row, file + ": row count");
            checkTimeAxis(file, data);
            System.out.println(file.getFileName() + ": " + row + " rows, max |diff| " + maxDiff);
        }
    }

    private static void checkTimeAxis(Path file, Mnist1dDataset data) throws IOException {
        String name = file.getFileName().toString();
        Path tFile = file.resolveSibling(name.substring(0, name.length() - ".csv.gz".length()) + "-t.csv");
        if (!Files.isRegularFile(tFile)) {
            return;
        }
        List<Double> values = new ArrayList<>();
        for (String l : Files.readAllLines(tFile, StandardCharsets.UTF_8)) {
            String s = l.trim();
            if (s.isEmpty() || s.startsWith("#") || s.equals("t")) {
                continue;
            }
            values.add(Double.parseDouble(s));
        }
        assertEquals(values.size(), data.t().length, tFile + ": length of t");
        for (int j = 0; j < values.size(); j++) {
            assertEquals(values.get(j), data.t()[j], TOLERANCE, tFile + ": t[" + j + "]");
        }
    }

    private static String expectedHeader(int width) {
        StringBuilder sb = new StringBuilder("split,label");
        for (int j = 0; j < width; j++) {
            sb.append(",x").append(j);
        }
        return sb.toString();
    }
}
