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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WorkerMain.class.getName(), storageUrl(), study, Integer.toString(target), Integer.toString(hangAt),
                "200", "1500", Integer.toString(maxRetries));
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

    private static String states(List<FrozenTrial> trials) {
        return trials.stream().map(t -> t.number() + ":" + t.state()).collect(Collectors.joining(", "));
    }

    static String sqliteUrl(Path dir) {
        return "sqlite:" + dir.resolve("shared.db").toString().replace(File.separatorChar, '/');
    }
}
