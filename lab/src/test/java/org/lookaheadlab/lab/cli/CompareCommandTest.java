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

    /** Exit code, stdout and stderr of one CLI invocation. */
    record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LookaheadCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static void assertOneLineError(Outcome o, String expected) {
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.errLines().size(), o.err());
        assertTrue(o.err().contains(expected), o.err());
    }

    @Test
    void unknownPresetIsOneClearLine() {
        assertOneLineError(run("compare", "--preset", "nope"),
                "lookahead compare: error: preset 'nope' is unknown, accepted: trajectory-lookahead, "
                        + "weight-trajectory-lr, lookahead-paper");
    }

    @Test
    void badOverridesAreOneClearLine() {
        assertOneLineError(run("compare", "--preset", "trajectory-lookahead", "--trials", "0"),
                "trials is 0, accepted range: >= 1");
        assertOneLineError(run("compare", "--preset", "trajectory-lookahead", "--seeds", "-1"),
                "seeds is -1, accepted range: >= 1");
        assertOneLineError(run("compare", "--preset", "trajectory-lookahead", "--jobs", "0"),
                "--jobs is 0, accepted range: >= 1");
        assertOneLineError(run("compare", "--preset", "trajectory-lookahead", "--batch-sizes", "32,x"),
                "batch-sizes entry 'x' is not an integer");
        assertOneLineError(run("compare", "--preset", "trajectory-lookahead", "--sampler", "grid"),
                "sampler is 'grid', accepted: tpe, random");
    }

    @Test
    void malformedFlagValueStartsWithOneErrorLine() {
        Outcome o = run("compare", "--preset", "trajectory-lookahead", "--trials", "abc");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.errLines().get(0).startsWith("lookahead compare: error: Invalid value for option '--trials'"),
                o.err());
        assertTrue(o.errLines().size() <= 2, "error line plus at most a hint: " + o.err());
    }

    @Test
    void valSplitHoldsOutValidationAndIsStated(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("val");
        Outcome o = run("compare", "--preset", "trajectory-lookahead", "--data", "mnist1d:num-samples=500",
                "--val-split", "0.25", "--trials", "1", "--epochs", "1", "--seeds", "2", "--out", runDir.toString(),
                "--quiet");
        assertEquals(0, o.code(), o.err());
        ExperimentResult r = ResultsJson.read(runDir);
        assertEquals("held out from the training data (100 rows)", r.setup().validation());
        assertTrue(Files.readString(runDir.resolve("report.md")).contains("| validation | held out"));
        EpochMetrics last = r.baseline().seedRuns().get(0).history().get(0);
        assertTrue(last.validationLoss() != last.testLoss(), "validation is no longer the test split");
    }

    @Test
    void reportOfAFolderWithoutResultsIsOneClearLine(@TempDir Path dir) {
        assertOneLineError(run("report", dir.toString()), "no results.json in " + dir);
    }

    @Test
    void reportOfAMalformedResultsFileIsOneClearLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "xx{");
        assertOneLineError(run("report", dir.toString()),
                "cannot read " + file + ": not a compare results file (line 1, column 1: Unrecognized token 'xx'");
        Files.writeString(file, "{}");
        assertOneLineError(run("report", dir.toString()), "an experiment result needs its setup, got none");
        assertEquals(List.of(file), Files.list(dir).filter(p -> !p.endsWith(RunFolderLock.FILE)).toList(),
                "nothing written next to a bad results.json (but the folder's lock file)");
    }

    @Test
    void rejectedDataStorageOrSplitLeaveNoRunFolder(@TempDir Path dir) {
        Path runDir = dir.resolve("never");
        String[] base = {"compare", "--preset", "trajectory-lookahead", "--out", runDir.toString(), "--quiet"};
        assertOneLineError(run(concat(base, "--data", "mnist2d")), "data 'mnist2d' is unknown, accepted:");
        assertOneLineError(run(concat(base, "--storage", "mysql://db/x")),
                "storage URL must be memory, sqlite:PATH or postgresql://..., but got 'mysql://db/x'");
        assertOneLineError(run(concat(base, "--data", "mnist1d:num-samples=200", "--val-split", "1.5")),
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
        Outcome first = run(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("trajectory-lookahead"), first.out());
        assertTrue(first.out().contains("report: " + runDir.resolve("report.html")), first.out());
        assertTrue(Files.isRegularFile(runDir.resolve("studies.db")));
        ExperimentResult before = ResultsJson.read(runDir);
        assertEquals("sqlite:" + runDir.resolve("studies.db"), before.setup().storage());

        // a restart on the same folder (new SQLite connection) re-runs no finished trial
        Outcome second = run(args);
        assertEquals(0, second.code(), second.err());
        ExperimentResult after = ResultsJson.read(runDir);
        for (int c = 0; c < 2; c++) {
            List<TrialRecord> t = after.contenders().get(c).trials();
            assertEquals(before.contenders().get(c).trials(), t);
            assertEquals(2, t.size());
        }

        Files.delete(runDir.resolve("report.html"));
        Outcome report = run("report", runDir.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.size(runDir.resolve("report.html")) > 0);
    }
}
