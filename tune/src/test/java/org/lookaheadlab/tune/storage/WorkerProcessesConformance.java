package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

/**
 * Worker <em>processes</em> sharing one study through a database storage: concurrency without lost or
 * duplicated trials, and recovery from a worker killed with SIGKILL in the middle of a trial.
 */
abstract class WorkerProcessesConformance {

    @TempDir
    Path logs;

    private final List<Process> started = new ArrayList<>();

    /** The storage URL all processes open. */
    protected abstract String storageUrl();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Process spawn(String study, int target, int hangAt, Path log) throws IOException {
        return spawn(study, target, hangAt, 0, log);
    }

    private Process spawn(String study, int target, int hangAt, int maxRetries, Path log) throws IOException {
        return spawn(study, target, hangAt, maxRetries, 600_000, log);
    }

    /** Heartbeat 200 ms, grace 1.5 s: short, and safe because a live worker's trial is never reaped. */
    private Process spawn(String study, int target, int hangAt, int maxRetries, long hangMillis, Path log)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WorkerMain.class.getName(), storageUrl(), study, Integer.toString(target), Integer.toString(hangAt),
                "200", "1500", Integer.toString(maxRetries), Long.toString(hangMillis));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void awaitSuccess(Process p, Path log) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            fail("worker did not finish in 120 s; log:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "worker failed; log:\n" + Files.readString(log));
    }

    @Test
    void fourProcessesShareOneStudyWithoutLosingTrials() throws Exception {
        String study = "workers-" + UUID.randomUUID();
        try (Storage st = Storages.open(storageUrl())) {
            st.createStudy(study, StudyDirection.MINIMIZE);
        }
        List<Process> ps = new ArrayList<>();
        List<Path> logFiles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path log = logs.resolve("worker" + i + ".log");
            logFiles.add(log);
            ps.add(spawn(study, 40, -1, log));
        }
        for (int i = 0; i < 4; i++) {
            awaitSuccess(ps.get(i), logFiles.get(i));
        }
        try (Storage st = Storages.open(storageUrl())) {
            List<FrozenTrial> trials = st.getAllTrials(st.findStudy(study).orElseThrow().studyId());
            assertEquals(40, trials.size(), "exactly 40 trials: " + states(trials));
            assertEquals(40, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
            Set<Integer> numbers = trials.stream().map(FrozenTrial::number).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(IntStream.range(0, 40).boxed().collect(Collectors.toSet()), numbers);
            assertTrue(trials.stream().allMatch(t -> t.internalParams().size() == 2), "every trial has its params");
        }
    }

    /** Starts a worker that hangs in trial 3 and SIGKILLs it there; returns the study id. */
    private long killWorkerInTrial3(String study, int maxRetries) throws Exception {
        try (Storage st = Storages.open(storageUrl())) {
            st.createStudy(study, StudyDirection.MINIMIZE);
        }
        Path logA = logs.resolve("a.log");
        Process a = spawn(study, 6, 3, maxRetries, logA);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(logA, StandardCharsets.UTF_8).contains("HANG 3")) {
            if (!a.isAlive() || System.nanoTime() > deadline) {
                fail("worker never reached trial 3; log:\n" + Files.readString(logA));
            }
            Thread.sleep(50);
        }
        a.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks, no finally blocks
        try (Storage st = Storages.open(storageUrl())) {
            long studyId = st.findStudy(study).orElseThrow().studyId();
            assertEquals(TrialState.RUNNING, st.getAllTrials(studyId).get(3).state(), "trial 3 was mid-flight");
            return studyId;
        }
    }

    @Test
    void aKilledWorkersTrialFailsAfterTheGracePeriodAndARestartReachesTheTarget() throws Exception {
        String study = "killed-" + UUID.randomUUID();
        long studyId = killWorkerInTrial3(study, 0);
        Path logB = logs.resolve("b.log");
        awaitSuccess(spawn(study, 6, -1, logB), logB);
        try (Storage st = Storages.open(storageUrl())) {
            List<FrozenTrial> trials = st.getAllTrials(studyId);
            FrozenTrial killed = trials.get(3);
            assertEquals(TrialState.FAIL, killed.state(), states(trials));
            assertEquals(StaleTrials.REASON, killed.failReason());
            assertEquals(6, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), states(trials));
            assertEquals(7, trials.size(), "only the killed trial was lost: " + states(trials));
        }
    }

    @Test
    void withRetriesTheKilledTrialIsRunAgainWithItsParameters() throws Exception {
        String study = "retried-" + UUID.randomUUID();
        long studyId = killWorkerInTrial3(study, 1);
        Path logB = logs.resolve("b.log");
        awaitSuccess(spawn(study, 6, -1, 1, logB), logB);
        try (Storage st = Storages.open(storageUrl())) {
            List<FrozenTrial> trials = st.getAllTrials(studyId);
            FrozenTrial killed = trials.get(3);
            assertEquals(TrialState.FAIL, killed.state(), states(trials));
            assertEquals(StaleTrials.REASON, killed.failReason());
            List<FrozenTrial> retries = trials.stream()
                    .filter(t -> t.systemAttrs().containsKey(FrozenTrial.FAILED_TRIAL)).toList();
            assertEquals(1, retries.size(), "one retry: " + states(trials));
            FrozenTrial retry = retries.get(0);
            assertEquals(TrialState.COMPLETE, retry.state());
            assertEquals(3, ((Number) retry.systemAttrs().get(FrozenTrial.FAILED_TRIAL)).intValue());
            assertEquals(1, ((Number) retry.systemAttrs().get(FrozenTrial.RETRY_COUNT)).intValue());
            assertEquals(killed.params(), retry.params(), "the retry reran the killed trial's parameters");
            assertEquals(6, trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), states(trials));
            assertEquals(7, trials.size(), states(trials));
        }
    }

    /**
     * A worker paused (SIGSTOP) in the middle of a trial for twice the grace period, while another worker sweeps
     * for stale trials: a slow worker is not a dead one, so its trial stays its own and completes once it resumes.
     */
    @Test
    void aPausedWorkerKeepsItsTrialAndFinishesIt() throws Exception {
        String study = "paused-" + UUID.randomUUID();
        long studyId;
        try (Storage st = Storages.open(storageUrl())) {
            studyId = st.createStudy(study, StudyDirection.MINIMIZE).studyId();
        }
        Path logA = logs.resolve("a.log");
        Process a = spawn(study, 6, 3, 0, 1000, logA);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(logA, StandardCharsets.UTF_8).contains("HANG 3")) {
            if (!a.isAlive() || System.nanoTime() > deadline) {
                fail("worker never reached trial 3; log:\n" + Files.readString(logA));
            }
            Thread.sleep(20);
        }
        signal("STOP", a.pid());
        Path logB = logs.resolve("b.log");
        Process b;
        try {
            b = spawn(study, 6, -1, logB);
            try (Storage st = Storages.open(storageUrl())) {
                while (st.getAllTrials(studyId).stream().filter(t -> t.state() == TrialState.COMPLETE).count() < 5) {
                    if (!b.isAlive() || System.nanoTime() > deadline) {
                        fail("the second worker did not finish trials 4 and 5; log:\n" + Files.readString(logB));
                    }
                    Thread.sleep(50);
                }
                Thread.sleep(3000); // twice the grace period, the second worker sweeping all along
                assertEquals(TrialState.RUNNING, st.getAllTrials(studyId).get(3).state(),
                        "the paused worker's trial was taken from it: " + states(st.getAllTrials(studyId)));
            }
        } finally {
            signal("CONT", a.pid());
        }
        awaitSuccess(a, logA);
        awaitSuccess(b, logB);
        try (Storage st = Storages.open(storageUrl())) {
            List<FrozenTrial> trials = st.getAllTrials(studyId);
            assertEquals(6, trials.size(), states(trials));
            assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE), states(trials));
        }
    }

    private static void signal(String sig, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor());
    }

    private static String states(List<FrozenTrial> trials) {
        return trials.stream().map(t -> t.number() + ":" + t.state()).collect(Collectors.joining(", "));
    }

    static String sqliteUrl(Path dir) {
        return "sqlite:" + dir.resolve("shared.db").toString().replace(File.separatorChar, '/');
    }
}
