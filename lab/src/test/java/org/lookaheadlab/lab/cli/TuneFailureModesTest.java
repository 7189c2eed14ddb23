package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;

/**
 * Issue 16's tune failures, each reproduced: a space that cannot work (refused before any trial), a study whose
 * every trial diverges (stopped, not endless), and a killed worker process of {@code --jobs --processes} (the study still completes,
 * the parent says so and exits 0).
 */
class TuneFailureModesTest {

    private static String[] args(Path db, int trials, String search, String... extra) {
        List<String> a = new ArrayList<>(List.of("tune", "--study", "s", "--storage", "sqlite:" + db,
                "--trials", String.valueOf(trials), "--epochs", "1", "--data", "mnist1d:num-samples=500",
                "--model", "mlp:8", "--search", search, "--pruner", "none"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static List<FrozenTrial> trials(Path db) {
        try (Storage s = Storages.open("sqlite:" + db)) {
            return s.findStudy("s").map(info -> Study.load("s", null, null, s).trials()).orElse(List.of());
        }
    }

    private static boolean isTuneWorker(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).contains("--worker");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aSearchNameTheOptimizerDoesNotHaveIsRefusedBeforeAnyTrial(@TempDir Path dir) {
        Path db = dir.resolve("foo.db");
        CliRun o = CliRun.run(args(db, 1, "foo=0:1", "--lr", "1e-3"));
        assertEquals(2, o.code(), o.errText());
        assertEquals(1, o.err().size(), o.errText());
        assertTrue(o.errText().startsWith("lookahead tune: error: search space foo=0.0:1.0")
                && o.errText().contains("unknown hyperparameter 'foo'"), o.errText());
        assertEquals(List.of(), trials(db), "no trial was written");
    }

    @Test
    void aStudyWhoseTrialsAllDivergeStopsAfterMaxFailures(@TempDir Path dir) {
        Path db = dir.resolve("diverge.db");
        // one job: with --jobs 2 (the default on 2 cores) a fourth trial may already run when the third fails
        CliRun o = CliRun.run(args(db, 1, "lr=1e8:1e9:log", "--optimizer", "sgd",
                "--max-failures", "3", "--jobs", "1"));
        assertEquals(1, o.code(), o.errText());
        assertEquals(1, o.err().size(), o.errText());
        assertTrue(o.errText().contains("study 's' stopped: its last 3 trials all failed")
                && o.errText().contains("raise --max-failures"), o.errText());
        List<FrozenTrial> trials = trials(db);
        assertEquals(3, trials.size());
        assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.FAIL), trials.toString());
    }

    @Test
    void aKilledWorkerIsReplacedAndTheStudyCompletes(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("killed.db");
        CompletableFuture<CliRun> parent = CompletableFuture.supplyAsync(() ->
                CliRun.run(args(db, 8, "lr=1e-4:1e-1:log", "--jobs", "2", "--processes")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Optional<ProcessHandle> worker = Optional.empty();
        while (worker.isEmpty() && System.nanoTime() < deadline) {
            if (Files.exists(db) && trials(db).stream().anyMatch(t -> t.state() == TrialState.COMPLETE)) {
                worker = ProcessHandle.current().children().filter(TuneFailureModesTest::isTuneWorker).findFirst();
            }
            Thread.sleep(50);
        }
        assertTrue(worker.isPresent(), "no worker process seen running trials");
        long pid = worker.get().pid();
        assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor());
        CliRun o = parent.get(180, TimeUnit.SECONDS);
        assertEquals(0, o.code(), o.errText());
        assertTrue(o.errText().contains("tune: worker pid " + pid + " was killed (signal 9)"), o.errText());
        List<String> lines = o.outText().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("best value="), o.outText());
        List<FrozenTrial> trials = trials(db);
        assertEquals(8, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), trials.toString());
        assertFalse(trials.stream().anyMatch(t -> t.state() == TrialState.RUNNING), trials.toString());
    }
}
