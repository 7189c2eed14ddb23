package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.DatasetCsv;
import org.lookaheadlab.lab.data.Mnist1dConfig;
import org.lookaheadlab.lab.data.Mnist1dDataset;
import org.lookaheadlab.lab.data.Mnist1dGenerator;
import picocli.CommandLine;

/** {@code ./lookahead dataset mnist1d ...} through the real entry point. */
class DatasetCommandTest {

    @TempDir
    Path dir;



    @Test
    void everyGeneratorFlagReachesTheGenerator() throws IOException {
        Path file = dir.resolve("sub/m.csv.gz");
        CliRun o = CliRun.run("dataset", "mnist1d", "--num-samples", "123", "--seed", "7", "--train-split", "0.5",
                "--template-len", "10", "--padding", "5,30", "--scale-coeff", "0.3", "--max-translation", "20",
                "--corr-noise-scale", "0.1", "--iid-noise-scale", "0.05", "--shear-scale", "0.5", "--shuffle-seq",
                "--final-seq-length", "25", "--out", file.toString());
        assertEquals(0, o.code(), o.errText());
        assertTrue(o.outText().matches("(?s)mnist1d: wrote 120 rows \\(60 train, 60 test, 25 features\\) to .*m\\.csv\\.gz "
                + "in \\d+\\.\\d{3} s \\(generate \\d+\\.\\d{3} s, write \\d+\\.\\d{3} s\\)\\s*"), o.outText());
        Mnist1dConfig expected = Mnist1dConfig.builder().numSamples(123).seed(7).trainSplit(0.5).templateLen(10)
                .padding(5, 30).scaleCoeff(0.3).maxTranslation(20).corrNoiseScale(0.1).iidNoiseScale(0.05)
                .shearScale(0.5).shuffleSeq(true).finalSeqLength(25).build();
        Mnist1dDataset data = Mnist1dGenerator.generate(expected);
        DataSplits back = DatasetCsv.read(file);
        assertEquals(60, back.train().size());
        for (int i = 0; i < 60; i++) {
            assertEquals(data.y()[i], back.train().labels()[i]);
            assertTrue(java.util.Arrays.equals(data.xTest()[i], back.test().features()[i]), "test row " + i);
        }
    }

    @Test
    void defaultsWritePlainCsvInTheContractFormat() throws IOException {
        Path file = dir.resolve("d.csv");
        CliRun o = CliRun.run("dataset", "mnist1d", "--out", file.toString());
        assertEquals(0, o.code(), o.errText());
        List<String> lines = Files.readAllLines(file);
        assertEquals("# mnist1d: " + Mnist1dConfig.defaults().toArgsJson(), lines.get(0));
        assertTrue(lines.get(1).startsWith("split,label,x0,x1,"));
        assertTrue(lines.get(1).endsWith(",x39"));
        assertEquals(5002, lines.size());
        assertTrue(lines.get(2).startsWith("train,2,"), lines.get(2));
        assertTrue(lines.get(4002).startsWith("test,2,"), lines.get(4002));
    }

    @Test
    void badFlagsAreOneClearLineAndNonZeroExit() {
        Path file = dir.resolve("x.csv");
        assertOneLine(CliRun.run("dataset", "mnist1d", "--num-samples", "5", "--out", file.toString()), 2,
                "lookahead dataset mnist1d: error: num-samples must be in [10, 2147483647], got 5");
        assertOneLine(CliRun.run("dataset", "mnist1d", "--num-samples", "abc", "--out", file.toString()), 2,
                "lookahead dataset mnist1d: error: --num-samples must be an integer, got 'abc'");
        assertOneLine(CliRun.run("dataset", "mnist1d", "--padding", "36", "--out", file.toString()), 2,
                "lookahead dataset mnist1d: error: --padding must be LO,HI (two integers), got '36'");
        assertOneLine(CliRun.run("dataset", "mnist1d", "--padding", "60,36", "--out", file.toString()), 2,
                "lookahead dataset mnist1d: error: padding high must be >= padding low (accepted range [60, "
                        + "2147483647]), got padding=[60, 36]");
        assertOneLine(CliRun.run("dataset", "mnist1d", "--train-split", "1.5", "--out", file.toString()), 2,
                "lookahead dataset mnist1d: error: train-split must be in (0, 1), got 1.5");
        assertOneLine(CliRun.run("dataset", "mnist1d", "--bogus", "--out", file.toString()), 2,
                "lookahead dataset mnist1d: error: unknown argument '--bogus'; see 'lookahead dataset mnist1d --help'");
        assertOneLine(CliRun.run("dataset", "mnist1d"), 2, "lookahead dataset mnist1d: error: --out FILE.csv is required");
        assertFalse(Files.exists(file));
    }

    @Test
    void unwritableOutputIsOneLine() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a folder");
        CliRun o = CliRun.run("dataset", "mnist1d", "--num-samples", "10", "--out", blocker.resolve("x.csv").toString());
        assertEquals(1, o.code());
        assertEquals(1, o.err().size(), o.errText());
        assertTrue(o.errText().startsWith("lookahead dataset mnist1d: error: cannot write "), o.errText());
    }

    @Test
    void aDataSetTooLargeForOneArrayIsOneLineNotAStackTrace() {
        Path file = dir.resolve("big.csv");
        assertOneLine(CliRun.run("dataset", "mnist1d", "--num-samples", "100000000", "--out", file.toString()), 2,
                "lookahead dataset mnist1d: error: the data set size, 100000000 samples (num-samples 100000000) × "
                        + "final-seq-length 40 = 4000000000 values, must be at most 2147483631; lower num-samples or "
                        + "final-seq-length");
        assertFalse(Files.exists(file));
    }

    @Test
    void aFolderAsOutputIsOneLineAndTheFolderIsKept() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        CliRun o = CliRun.run("dataset", "mnist1d", "--num-samples", "10", "--out", folder.toString());
        assertEquals(1, o.code());
        assertEquals(List.of("lookahead dataset mnist1d: error: cannot write " + folder + ": " + folder
                + " is a folder, expected a file name such as data.csv or data.csv.gz"), o.err());
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void writingLeavesOnlyTheFinishedFileAndReplacesAnOldOne() throws IOException {
        Path file = dir.resolve("m.csv");
        Files.writeString(file, "an older file\n");
        CliRun o = CliRun.run("dataset", "mnist1d", "--num-samples", "20", "--out", file.toString());
        assertEquals(0, o.code(), o.errText());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("m.csv"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left beside the output");
        }
        assertEquals(20, DatasetCsv.read(file).train().size() + DatasetCsv.read(file).test().size());
    }

    private static void assertOneLine(CliRun o, int code, String expected) {
        assertEquals(code, o.code(), o.errText());
        assertEquals(List.of(expected), o.err());
    }
}
