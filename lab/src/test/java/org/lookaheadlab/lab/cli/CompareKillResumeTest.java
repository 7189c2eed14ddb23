package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;
import picocli.CommandLine;

/**
 * A {@code compare} process killed with SIGKILL in the middle of tuning, then restarted on the same run folder:
 * the restart keeps every trial the killed process completed (same number, parameters and value, not re-run)
 * and only runs the missing ones.
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

    @Test
    void aKilledCompareResumesWithoutReRunningCompletedTrials() throws Exception {
        Path runDir = dir.resolve("run");
        List<String> args = List.of("compare", "--preset", "trajectory-lookahead", "--data",
                "mnist1d:num-samples=1000", "--trials", String.valueOf(TRIALS), "--epochs", "3", "--seeds", "2",
                "--out", runDir.toString());
        Path log = dir.resolve("child.log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), LookaheadCli.class.getName()));
        cmd.addAll(args);
        child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // progress lines go to stderr when no console is attached: "[tune adam 2/6, 0s] trial 1: ..."
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains("[tune adam 2/" + TRIALS)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                fail("compare never finished its second trial; log:\n" + Files.readString(log));
            }
            Thread.sleep(10);
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no finally block
        assertFalse(Files.exists(runDir.resolve(ResultsJson.FILE_NAME)),
                "killed before the report; log:\n" + Files.readString(log));

        Experiment experiment = configured(args);
        Map<String, List<FrozenTrial>> beforeKill = completeTrials(runDir, experiment);
        int doneBefore = beforeKill.values().stream().mapToInt(List::size).sum();
        assertTrue(doneBefore >= 2 && doneBefore < 2 * TRIALS, "killed mid-tuning: " + doneBefore + " complete");

        CompareCommandTest.Outcome restart = CompareCommandTest.run(concat(args, "--quiet"));
        assertEquals(0, restart.code(), restart.err());
        ExperimentResult result = ResultsJson.read(runDir);
        for (Contender c : experiment.contenders()) {
            List<TrialRecord> trials = result.contenders().stream().filter(r -> r.name().equals(c.name()))
                    .findFirst().orElseThrow().trials();
            List<TrialRecord> complete = trials.stream().filter(TrialRecord::complete).toList();
            assertEquals(TRIALS, complete.size(), c.name() + ": " + trials);
            for (FrozenTrial t : beforeKill.get(c.name())) {
                TrialRecord now = trials.get(t.number());
                assertEquals(t.number(), now.number());
                assertEquals("COMPLETE", now.state(), c.name() + " trial " + t.number());
                assertEquals(t.value(), now.value(), c.name() + " trial " + t.number() + " kept its value");
                assertEquals(numeric(t.params()), now.params(), c.name() + " trial " + t.number());
            }
            // at most one trial (the one in flight at the kill) was lost; nothing finished was run twice
            int interrupted = (int) trials.stream().filter(t -> !t.complete()).count();
            assertTrue(interrupted <= 1, c.name() + ": " + trials);
            assertEquals(TRIALS + interrupted, trials.size(), c.name() + ": " + trials);
        }
        assertNotEquals(0, result.contenders().get(0).seedRuns().size());
    }

    /** The experiment the CLI builds from these arguments (for its study names). */
    private static Experiment configured(List<String> args) {
        CompareCommand command = new CompareCommand();
        new CommandLine(command).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        return command.configure();
    }

    private static Map<String, List<FrozenTrial>> completeTrials(Path runDir, Experiment e) {
        Map<String, List<FrozenTrial>> out = new LinkedHashMap<>();
        String url = "sqlite:" + runDir.resolve("studies.db").toString().replace(File.separatorChar, '/');
        try (Storage st = Storages.open(url)) {
            for (Contender c : e.contenders()) {
                List<FrozenTrial> done = st.findStudy(e.studyName(c))
                        .map(s -> st.getAllTrials(s.studyId()).stream()
                                .filter(t -> t.state() == TrialState.COMPLETE).toList())
                        .orElse(List.of());
                out.put(c.name(), done);
            }
        }
        return out;
    }

    private static Map<String, Double> numeric(Map<String, Object> params) {
        Map<String, Double> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
        return out;
    }

    private static String[] concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(Arrays.asList(b));
        return all.toArray(String[]::new);
    }
}
