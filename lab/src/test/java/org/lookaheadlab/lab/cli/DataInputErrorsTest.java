package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lookaheadlab.lab.cli.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.NpyFiles;

/**
 * Data that used to slip through (issue 16 items 6, 7 and 9): every case is refused before training with one
 * line that names the file and the problem, and exit code 2.
 */
class DataInputErrorsTest {

    private static void assertOneErrorLine(String command, String expected, String... args) {
        CliRun r = run(args);
        assertEquals(2, r.code(), "exit code of " + String.join(" ", args) + ": " + r.err());
        assertEquals(List.of("lookahead " + command + ": error: " + expected), r.err());
        assertEquals(List.of(), r.out());
    }

    /** A 10-class CSV (labels 0..9, four rows each) with one label {@code bad} on line 42. */
    private static Path tenClassCsvWithLabel(Path dir, int bad) throws IOException {
        StringBuilder csv = new StringBuilder("split,label,x0,x1\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i < 30 ? "train," : "test,").append(i % 10).append(',').append(i * 0.1).append(",1\n");
        }
        csv.append("train,").append(bad).append(",0.5,1\n");
        Path file = dir.resolve("labels.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void aCsvLabelOutsideTheClassesIsRefusedNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path file = tenClassCsvWithLabel(dir, 12);
        assertOneErrorLine("train", file + ": line 42: column 2 (label): 12 is outside the class range [0, 11) "
                + "inferred from the data (11 distinct labels, but no row has label 10); give --num-classes N if some "
                + "classes have no rows", "train", "--data", "csv:" + file, "--lr", "0.01", "--steps", "1");
        assertOneErrorLine("train", file + ": line 42: column 2 (label): 12 is outside the accepted range [0, 10)",
                "train", "--data", "csv:" + file, "--num-classes", "10", "--lr", "0.01", "--steps", "1");
        assertOneErrorLine("compare", file + ": line 42: column 2 (label): 12 is outside the accepted range [0, 10)",
                "compare", "--contender", "adam=adam", "--data", "csv:" + file, "--num-classes", "10",
                "--out", dir.resolve("run").toString());
        assertTrue(!Files.exists(dir.resolve("run")), "nothing is created for refused data");
    }

    @Test
    void aGivenClassCountAllowsClassesWithoutRows(@TempDir Path dir) throws IOException {
        Path file = tenClassCsvWithLabel(dir, 12);
        CliRun r = run("train", "--data", "csv:" + file, "--num-classes", "13", "--lr", "0.01", "--steps", "1",
                "--quiet");
        assertEquals(0, r.code(), String.join("\n", r.err()));
        assertTrue(r.out().get(r.out().size() - 1).startsWith("final test_loss="), r.out().toString());
    }

    /** A .npy folder: x (4×3), y, x_test ({@code testShape}, values {@code test}), y_test (2 labels). */
    private static Path npyFolder(Path dir, String testShape, double... test) throws IOException {
        NpyFiles.float64(dir.resolve("x.npy"), "(4, 3)", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        NpyFiles.int64(dir.resolve("y.npy"), 0, 1, 1, 0);
        NpyFiles.float64(dir.resolve("x_test.npy"), testShape, test);
        NpyFiles.int64(dir.resolve("y_test.npy"), 1, 0);
        return dir;
    }

    @Test
    void npyFeaturesOfAnotherWidthOrNotFiniteAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        npyFolder(dir, "(2, 2)", 1, 2, 3, 4);
        assertOneErrorLine("train", dir.resolve("x_test.npy") + ": shape (2, 2) has rows of 2 features but x.npy has "
                + "rows of 3 features (shape (4, 3)); every split needs the same features",
                "train", "--data", "npy:" + dir, "--lr", "0.01", "--steps", "1");
        npyFolder(dir, "(2, 3)", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        assertOneErrorLine("train", dir.resolve("x_test.npy") + ": row 0, column 0 is NaN, accepted: finite numbers",
                "train", "--data", "npy:" + dir, "--lr", "0.01", "--steps", "1");
        npyFolder(dir, "(2, 3)", 1, 2, 3, 4, 5, 6);
        NpyFiles.int64(dir.resolve("y_test.npy"), 1, 0, 1);
        assertOneErrorLine("train", dir.resolve("x_test.npy") + " has 2 rows (shape (2, 3)) but "
                + dir.resolve("y_test.npy") + " has 3 labels; the first axis must match",
                "train", "--data", "npy:" + dir, "--lr", "0.01", "--steps", "1");
        NpyFiles.int64(dir.resolve("y_test.npy"), 1, 7);
        assertOneErrorLine("train", dir.resolve("y_test.npy") + ": label at index 1: 7 is outside the accepted range "
                + "[0, 2)", "train", "--data", "npy:" + dir, "--num-classes", "2", "--lr", "0.01", "--steps", "1");
    }

    /** Issue 16 item 9: {@code csv:DIR} used to say the file "does not exist". */
    @Test
    void aDirectoryGivenAsAFileOrAFileAsADirectoryIsNamedSo(@TempDir Path dir) throws IOException {
        assertOneErrorLine("train", "data file " + dir + " is a directory, accepted: csv:PATH naming a CSV file "
                + "(split,label,x0,...); a directory of .npy files is npy:DIR",
                "train", "--data", "csv:" + dir, "--lr", "0.01", "--steps", "1");
        Path file = Files.writeString(dir.resolve("d.csv"), "split,label,x0\n");
        assertOneErrorLine("train", "data folder " + file + " is a file, accepted: npy:DIR naming a directory of "
                + "x.npy, y.npy, x_test.npy, y_test.npy; a CSV file is csv:PATH",
                "train", "--data", "npy:" + file, "--lr", "0.01", "--steps", "1");
        assertOneErrorLine("train", "CIFAR-10 folder " + file + " is a file, accepted: cifar10:DIR naming the "
                + "directory of data_batch_1.bin..data_batch_5.bin and test_batch.bin",
                "train", "--data", "cifar10:" + file, "--model", "resnet18", "--lr", "0.01", "--steps", "1");
    }

    @Test
    void numClassesIsRefusedForDataWithItsOwnClasses() {
        assertOneErrorLine("train", "--num-classes is given but mnist1d data has its own 10 classes, accepted: "
                + "--num-classes with csv:PATH or npy:DIR data",
                "train", "--data", "mnist1d:num-samples=100", "--num-classes", "10", "--lr", "0.01", "--steps", "1");
    }
}
