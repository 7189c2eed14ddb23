package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.report.ComparisonAnalysis;
import org.lookaheadlab.lab.train.EpochMetrics;

/**
 * A {@code compare} process killed with SIGKILL at several points — in the middle of the first contender's
 * tuning, of the second's, and of the verdict runs — and restarted with the same command each time ends with
 * exactly the result of an uninterrupted run: the same trials (numbers, states, parameters, values), the same
 * verdict runs and the same verdict. (Issue 16, item 2: the retry of a killed trial once took a new trial number,
 * which shifted every later draw of the sampler and changed the verdict.)
 */
class CompareKillResumeTest {

    private static final int TRIALS = 6;

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killLeftover() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    private static List<String> args(Path runDir, int tuneBatch) {
        return List.of("compare", "--preset", "trajectory-lookahead", "--data", "mnist1d:num-samples=1000",
                "--trials", String.valueOf(TRIALS), "--epochs", "3", "--seeds", "2", "--out", runDir.toString(),
                "--tune-batch", String.valueOf(tuneBatch));
    }

    /**
     * One trial at a time, and rounds of 4 trials trained as one batch ({@code --tune-batch}): the kills land in
     * the first round of one study and the second of the other (while training, or between two tells).
     */
    @ParameterizedTest(name = "--tune-batch {0}")
    @ValueSource(ints = {1, 4})
    void killedAtSeveralPointsAndResumedItGivesTheUninterruptedResult(int tuneBatch) throws Exception {
        Path reference = dir.resolve("uninterrupted");
        CliRun whole = CliRun.run(concat(args(reference, tuneBatch), "--quiet"));
        assertEquals(0, whole.code(), whole.errText());

        Path runDir = dir.resolve("killed");
        // progress lines go to stderr when no console is attached: "[runs 3/28, 0s] adam trial 2: ..."; the
        // studies run side by side (one trial at a time each), the default runs beside them
        for (String killPoint : List.of("] adam trial 2:", "] trajectory-lookahead trial 4:",
                "] trajectory-lookahead seed ")) {
            killAt(args(runDir, tuneBatch), killPoint);
            assertFalse(Files.exists(runDir.resolve(ResultsJson.FILE_NAME)), "killed before the results");
        }
        CliRun resumed = CliRun.run(concat(args(runDir, tuneBatch), "--quiet"));
        assertEquals(0, resumed.code(), resumed.errText());

        ExperimentResult expected = ResultsJson.read(reference);
        ExperimentResult actual = ResultsJson.read(runDir);
        assertEquals(expected.contenders().size(), actual.contenders().size());
        for (int i = 0; i < expected.contenders().size(); i++) {
            ContenderResult e = expected.contenders().get(i);
            ContenderResult a = actual.contenders().get(i);
            assertEquals(e.trials(), a.trials(), e.name() + ": the same trials, numbers and values");
            assertEquals(e.bestParams(), a.bestParams(), e.name());
            assertEquals(e.bestValue(), a.bestValue(), e.name());
            assertEquals(outcomes(e.seedRuns()), outcomes(a.seedRuns()), e.name() + ": the same verdict runs");
        }
        assertEquals(ComparisonAnalysis.of(expected).verdicts(), ComparisonAnalysis.of(actual).verdicts());
    }

    /** Runs the command in a child JVM until its progress shows {@code marker}, then SIGKILLs it. */
    private void killAt(List<String> args, String marker) throws Exception {
        Path log = Files.createTempFile(dir, "child", ".log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), LookaheadCli.class.getName()));
        cmd.addAll(args);
        child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(marker)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                fail("compare never reached '" + marker + "'; log:\n" + Files.readString(log));
            }
            Thread.sleep(5);
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no finally block
    }

    /** What a verdict run computed (its timings aside). */
    private static List<String> outcomes(List<SeedRun> runs) {
        return runs.stream().map(r -> r.seed() + " " + r.batchSize() + " " + r.status() + " " + r.objective() + " "
                + r.history().stream().map(m -> new EpochMetrics(m.epoch(), m.step(), m.trainLoss(),
                        m.trainAccuracy(), m.validationLoss(), m.validationAccuracy(), m.testLoss(), m.testAccuracy(),
                        0)).toList()).toList();
    }

    private static String[] concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(Arrays.asList(b));
        return all.toArray(String[]::new);
    }
}
