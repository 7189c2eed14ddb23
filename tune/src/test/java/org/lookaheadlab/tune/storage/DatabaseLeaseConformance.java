package org.lookaheadlab.tune.storage;

import static org.lookaheadlab.tune.storage.TestOwners.ELSEWHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

/**
 * How a database storage tells a live worker from a dead one, deterministically: by the lease owner's process
 * (alive, paused or gone) and, on PostgreSQL, by the database session that holds the lease — never by timing
 * alone. Short grace periods are safe here because liveness, not the clock, decides.
 */
abstract class DatabaseLeaseConformance {

    protected Storage storage;
    private long study;
    private Process child;

    /** A fresh storage handle on the shared test database. */
    protected abstract Storage openStorage();

    /** A plain JDBC connection to the same database, to set up rows the API does not write. */
    protected abstract Connection rawConnection() throws SQLException;

    /** The database's dialect (to read a heartbeat's time). */
    protected abstract SqlDialect dialect();

    @BeforeEach
    void open() {
        storage = openStorage();
        study = storage.createStudy("lease-" + UUID.randomUUID(), StudyDirection.MINIMIZE).studyId();
    }

    @AfterEach
    void close() {
        if (child != null) {
            child.destroyForcibly();
        }
        storage.close();
    }

    @Test
    void aTrialWhoseOwnerProcessIsGoneIsStaleAtOnce() throws Exception {
        long trial = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        TrialOwner owner = startChild();
        recordOwner(trial, owner);
        assertEquals(List.of(), storage.findStaleTrials(study, Duration.ofHours(1)), "alive: kept");
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertEquals(TrialOwner.Liveness.DEAD, owner.livenessHere());
        assertEquals(List.of(trial), storage.findStaleTrials(study, Duration.ofHours(1)),
                "dead owner of this machine: no need to wait for the grace period");
    }

    @Test
    void aPausedOwnerProcessKeepsItsTrialLongPastTheGracePeriod() throws Exception {
        long trial = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        TrialOwner owner = startChild();
        recordOwner(trial, owner);
        signal("STOP", child.pid());
        try {
            Thread.sleep(400);
            assertEquals(TrialOwner.Liveness.ALIVE, owner.livenessHere(), "a stopped process is alive");
            assertEquals(List.of(), storage.failStaleTrials(study, Duration.ofMillis(50)),
                    "heartbeat 400 ms old, grace 50 ms, owner paused: not stale");
            assertEquals(TrialState.RUNNING, storage.getTrial(trial).state());
        } finally {
            signal("CONT", child.pid());
        }
    }

    @Test
    void aTrialOfAnotherMachineFallsBackOnTheHeartbeatsAge() throws Exception {
        long trial = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        recordOwner(trial, new TrialOwner("elsewhere/boot/pid:[1]", 1, 1));
        assertEquals(List.of(), storage.findStaleTrials(study, Duration.ofHours(1)));
        Thread.sleep(300);
        assertEquals(List.of(trial), storage.findStaleTrials(study, Duration.ofMillis(100)));
    }

    /**
     * The regression behind the flaky four-worker test: the worker's own use of the storage (here: its lock held
     * for 1.5 s, as a long call under load would) must not hold back its lease's heartbeat.
     */
    @Test
    void theHeartbeatDoesNotWaitForTheWorkersOwnStorageCalls() throws Exception {
        long trial = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        try (TrialLease lease = storage.leaseTrial(trial, Duration.ofMillis(50))) {
            long before = heartbeat(trial);
            CountDownLatch held = new CountDownLatch(1);
            Thread hog = new Thread(() -> {
                synchronized (storage) { // JdbcStorage's calls are serialised on the instance
                    held.countDown();
                    sleep(1500);
                }
            });
            hog.start();
            held.await();
            Thread.sleep(1000);
            long during = heartbeat(trial);
            hog.join();
            assertTrue(during - before >= 500, "heartbeat advanced by " + (during - before)
                    + " ms while the worker held its storage for 1 s");
        }
    }

    private TrialOwner startChild() throws IOException {
        child = new ProcessBuilder("sleep", "60").start();
        String stat = Files.readString(Path.of("/proc/" + child.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 1).trim().split(" +");
        TrialOwner here = TrialOwner.current();
        return new TrialOwner(here.machine(), child.pid(), Long.parseLong(f[19]));
    }

    private static void signal(String sig, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor());
    }

    /** Writes the owner row a lease held by {@code owner} would have written. */
    protected void recordOwner(long trial, TrialOwner owner) throws SQLException {
        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO trial_system_attributes (trial_id, \"key\", value_json) VALUES (?, ?, ?)"
                        + " ON CONFLICT (trial_id, \"key\") DO UPDATE SET value_json = excluded.value_json")) {
            ps.setLong(1, trial);
            ps.setString(2, TrialOwner.ATTR);
            ps.setString(3, owner.toJson());
            ps.executeUpdate();
        }
    }

    protected long heartbeat(long trial) throws SQLException {
        try (Connection c = rawConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + dialect().epochMillis("heartbeat")
                        + " FROM trial_heartbeats WHERE trial_id = ?")) {
            ps.setLong(1, trial);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    protected long study() {
        return study;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
