package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.Presets;
import org.lookaheadlab.lab.experiment.Protocol;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.lab.train.EpochMetrics;
import picocli.CommandLine;

class CompareCommandTest {



    private static void assertOneLineError(CliRun o, String expected) {
        assertEquals(2, o.code(), o.errText());
        assertEquals(1, o.err().size(), o.errText());
        assertTrue(o.errText().contains(expected), o.errText());
    }

    @Test
    void unknownPresetIsOneClearLine() {
        assertOneLineError(CliRun.run("compare", "--preset", "nope"),
                "lookahead compare: error: preset 'nope' is unknown, accepted: trajectory-lookahead, "
                        + "weight-trajectory-lr, lookahead-paper");
    }

    @Test
    void badOverridesAreOneClearLine() {
        assertOneLineError(CliRun.run("compare", "--preset", "trajectory-lookahead", "--trials", "0"),
                "trials is 0, accepted range: >= 1");
        assertOneLineError(CliRun.run("compare", "--preset", "trajectory-lookahead", "--seeds", "-1"),
                "seeds is -1, accepted range: >= 1");
        assertOneLineError(CliRun.run("compare", "--preset", "trajectory-lookahead", "--jobs", "0"),
                "--jobs is 0, accepted range: >= 1");
        assertOneLineError(CliRun.run("compare", "--preset", "trajectory-lookahead", "--rerun-killed", "-1"),
                "--rerun-killed is -1, accepted range: >= 0");
        assertOneLineError(CliRun.run("compare", "--preset", "trajectory-lookahead", "--batch-runs", "0"),
                "--batch-runs is 0, accepted range: >= 1 (1: no batching)");
        assertOneLineError(CliRun.run("compare", "--preset", "trajectory-lookahead", "--batch-sizes", "32,x"),
                "batch-sizes entry 'x' is not an integer");
        assertOneLineError(CliRun.run("compare", "--preset", "trajectory-lookahead", "--sampler", "grid"),
                "sampler is 'grid', accepted: tpe, random");
    }

    @Test
    void malformedFlagValueStartsWithOneErrorLine() {
        CliRun o = CliRun.run("compare", "--preset", "trajectory-lookahead", "--trials", "abc");
        assertEquals(2, o.code(), o.errText());
        assertTrue(o.err().get(0).startsWith("lookahead compare: error: Invalid value for option '--trials'"),
                o.errText());
        assertTrue(o.err().size() <= 2, "error line plus at most a hint: " + o.errText());
    }

    @Test
    void valSplitHoldsOutValidationAndIsStated(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("val");
        CliRun o = CliRun.run("compare", "--preset", "trajectory-lookahead", "--data", "mnist1d:num-samples=500",
                "--val-split", "0.25", "--trials", "1", "--epochs", "1", "--seeds", "2", "--out", runDir.toString(),
                "--quiet");
        assertEquals(0, o.code(), o.errText());
        ExperimentResult r = ResultsJson.read(runDir);
        assertEquals("held out from the training data (100 rows)", r.setup().validation());
        assertTrue(Files.readString(runDir.resolve("report.md")).contains("| validation | held out"));
        EpochMetrics last = r.baseline().seedRuns().get(0).history().get(0);
        assertTrue(last.validationLoss() != last.testLoss(), "validation is no longer the test split");
    }

    @Test
    void reportOfAFolderWithoutResultsIsOneClearLine(@TempDir Path dir) {
        assertOneLineError(CliRun.run("report", dir.toString()), "no results.json in " + dir);
    }

    @Test
    void reportOfAMalformedResultsFileIsOneClearLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "xx{");
        assertOneLineError(CliRun.run("report", dir.toString()),
                "cannot read " + file + ": not a compare results file (line 1, column 1: Unrecognized token 'xx'");
        Files.writeString(file, "{}");
        assertOneLineError(CliRun.run("report", dir.toString()), "an experiment result needs its setup, got none");
        assertEquals(List.of(file), Files.list(dir).filter(p -> !p.endsWith(RunFolderLock.FILE)).toList(),
                "nothing written next to a bad results.json (but the folder's lock file)");
    }

    @Test
    void rejectedDataStorageOrSplitLeaveNoRunFolder(@TempDir Path dir) {
        Path runDir = dir.resolve("never");
        String[] base = {"compare", "--preset", "trajectory-lookahead", "--out", runDir.toString(), "--quiet"};
        assertOneLineError(CliRun.run(concat(base, "--data", "mnist2d")), "data 'mnist2d' is unknown, accepted:");
        assertOneLineError(CliRun.run(concat(base, "--storage", "mysql://db/x")),
                "storage URL must be memory, sqlite:PATH or postgresql://..., but got 'mysql://db/x'");
        assertOneLineError(CliRun.run(concat(base, "--data", "mnist1d:num-samples=200", "--val-split", "1.5")),
                "validation split is 1.5, accepted range: (0, 1)");
        assertFalse(Files.exists(runDir), "a refused compare must not leave a run folder behind");
    }

    @Test
    void everyOverrideReachesTheProtocolAndTheRestIsThePreset() {
        CompareCommand command = new CompareCommand();
        new CommandLine(command).parseArgs("--preset", "weight-trajectory-lr", "--trials", "7", "--epochs", "3",
                "--seeds", "4", "--batch-size", "64", "--batch-sizes", "32, 128", "--sampler", "random",
                "--sampler-seed", "9", "--pruner", "median", "--data", "mnist1d:num-samples=800");
        Experiment e = command.configure();
        Protocol p = e.protocol();
        assertEquals(List.of(7, 3, 4, 64), List.of(p.trials(), p.epochs(), p.seeds(), p.batchSize()));
        assertEquals(List.of(32, 128), p.batchSizes());
        assertEquals(List.of("random", "median"), List.of(p.sampler(), p.pruner()));
        assertEquals(9, p.samplerSeed());
        assertEquals("mnist1d:num-samples=800|val-split=0.2", e.data().label());
        Experiment preset = Presets.get("weight-trajectory-lr");
        assertEquals(preset.protocol().objective(), p.objective(), "not overridden: the preset's objective");
        assertEquals(preset.contenders(), e.contenders());
        assertEquals(List.of(1L, 2L, 3L, 4L), p.seedList(), "verdict seeds never include the tuning seed 0");
    }

    @Test
    void passwordsNeverReachTheReport() {
        assertEquals("postgresql://me:***@db:5432/studies",
                CompareCommand.storageLabel("postgresql://me:s3cret@db:5432/studies"));
        assertEquals("jdbc:postgresql://db/studies?user=me&password=***&ssl=true",
                CompareCommand.storageLabel("jdbc:postgresql://db/studies?user=me&password=s3cret&ssl=true"));
        assertEquals("sqlite:runs/x/studies.db", CompareCommand.storageLabel("sqlite:runs/x/studies.db"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void tinyCompareWritesTheFolderAndResumesFromSqlite(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        String[] args = {"compare", "--preset", "trajectory-lookahead", "--data", "mnist1d:num-samples=500",
            "--trials", "2", "--epochs", "1", "--seeds", "2", "--out", runDir.toString(), "--quiet"};
        CliRun first = CliRun.run(args);
        assertEquals(0, first.code(), first.errText());
        assertTrue(first.outText().contains("trajectory-lookahead"), first.outText());
        assertTrue(first.outText().contains("report: " + runDir.resolve("report.html")), first.outText());
        assertTrue(Files.isRegularFile(runDir.resolve("studies.db")));
        ExperimentResult before = ResultsJson.read(runDir);
        assertEquals("sqlite:" + runDir.resolve("studies.db"), before.setup().storage());

        // a restart on the same folder (new SQLite connection) re-runs no finished trial
        CliRun second = CliRun.run(args);
        assertEquals(0, second.code(), second.errText());
        ExperimentResult after = ResultsJson.read(runDir);
        for (int c = 0; c < 2; c++) {
            List<TrialRecord> t = after.contenders().get(c).trials();
            assertEquals(before.contenders().get(c).trials(), t);
            assertEquals(2, t.size());
        }

        Files.delete(runDir.resolve("report.html"));
        CliRun report = CliRun.run("report", runDir.toString());
        assertEquals(0, report.code(), report.errText());
        assertTrue(Files.size(runDir.resolve("report.html")) > 0);
    }
}
