package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

/**
 * A connection lost after the database committed a transaction but before the client heard of it (the soak's
 * PostgreSQL restarts and cut connections can do this): the storage retries the whole transaction on a new
 * connection, and the retry must not do the work twice. Simulated by a connection whose {@code commit} commits and
 * then throws the driver's "connection failure" (SQLState 08006), once.
 */
class LostAcknowledgementTest {

    @TempDir
    Path dir;

    /** Connections whose next {@code commit} after {@link #armed} is set commits, then reports a lost connection. */
    private final AtomicInteger armed = new AtomicInteger();
    private final AtomicInteger lostAcks = new AtomicInteger();

    private Connection failingAfterCommit(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("commit") && armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        lostAcks.incrementAndGet();
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    }
                    return result;
                });
    }

    private JdbcStorage open() {
        JdbcDatabase db = Storages.database("sqlite:" + dir.resolve("acks.db"));
        return JdbcStorage.open(db, () -> failingAfterCommit(db.connect()));
    }

    @Test
    void aTrialWhoseCreationWasCommittedButNotAcknowledgedIsCreatedOnce() {
        try (JdbcStorage s = open()) {
            long study = s.createStudy("acks", StudyDirection.MINIMIZE).studyId();
            armed.set(1);
            FrozenTrial t = s.createTrial(study, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow();
            assertEquals(1, lostAcks.get(), "the fault was injected");
            List<FrozenTrial> trials = s.getAllTrials(study);
            assertEquals(1, trials.size(), "one trial, not one per attempt: " + trials);
            assertEquals(t.trialId(), trials.get(0).trialId());
            assertEquals(0, t.number());
            assertEquals(TrialState.RUNNING, trials.get(0).state());
            assertEquals(t.systemAttrs(), trials.get(0).systemAttrs(), "what createTrial returned is what is stored");
            // the next trial is number 1: the retry consumed no number
            assertEquals(1, s.createTrial(study, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow().number());
        }
    }

    @Test
    void aStartedWaitingTrialIsStartedOnceAndTheNextWaitingOneStaysQueued() {
        try (JdbcStorage s = open()) {
            long study = s.createStudy("queued", StudyDirection.MINIMIZE).studyId();
            s.enqueueTrial(study, java.util.Map.of());
            s.enqueueTrial(study, java.util.Map.of());
            armed.set(1);
            FrozenTrial t = s.createTrial(study, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow();
            assertEquals(1, lostAcks.get(), "the fault was injected");
            assertEquals(0, t.number());
            List<FrozenTrial> trials = s.getAllTrials(study);
            assertEquals(List.of(TrialState.RUNNING, TrialState.WAITING), trials.stream().map(FrozenTrial::state).toList());
        }
    }

    @Test
    void aFinishWhoseCommitWasNotAcknowledgedLeavesTheTrialComplete() {
        try (JdbcStorage s = open()) {
            long study = s.createStudy("finish", StudyDirection.MINIMIZE).studyId();
            FrozenTrial t = s.createTrial(study, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow();
            armed.set(1);
            s.finishTrial(t.trialId(), TrialState.COMPLETE, 0.25, null);
            assertEquals(1, lostAcks.get(), "the fault was injected");
            FrozenTrial stored = s.getTrial(t.trialId());
            assertEquals(TrialState.COMPLETE, stored.state());
            assertEquals(0.25, stored.value());
            assertTrue(s.getAllTrials(study).size() == 1);
        }
    }
}
