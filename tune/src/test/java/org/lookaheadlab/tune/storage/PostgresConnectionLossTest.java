package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

/**
 * PostgreSQL sessions that go away under a storage (issue 15's soak): a server that ends the session (a restart
 * sends 57P01 "terminating connection due to administrator command", which is not SQLState class 08) made workers
 * fail; now the storage reconnects and the call goes on. And the connection defaults that keep a silent network
 * (a half-open connection, on which the soak's workers blocked forever) from blocking a call forever.
 */
class PostgresConnectionLossTest {

    private String schema;
    private String app;

    @BeforeEach
    void schema() throws Exception {
        schema = PostgresTestSupport.createSchema();
        app = "loss" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void drop() throws Exception {
        PostgresTestSupport.dropSchema(schema);
    }

    @Test
    void aSessionTheServerTerminatesIsReopenedAndTheCallGoesOn() throws Exception {
        try (Storage s = Storages.open(PostgresTestSupport.url(schema) + "&ApplicationName=" + app)) {
            long study = s.createStudy("loss", StudyDirection.MINIMIZE).studyId();
            FrozenTrial first = s.createTrial(study, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow();
            assertEquals(1, terminateSessions(), "the storage's one session");
            // idle when ended: the next call finds the socket closed (SQLState 08006)
            FrozenTrial second = s.createTrial(study, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow();
            assertEquals(1, second.number());
            // ended in the middle of a call (waiting for the study's lock): the server answers 57P01
            try (Connection holder = Storages.database(PostgresTestSupport.url(schema)).connect()) {
                holder.setAutoCommit(false);
                try (PreparedStatement ps = holder.prepareStatement("SELECT * FROM studies WHERE study_id = ?"
                        + " FOR UPDATE")) {
                    ps.setLong(1, study);
                    ps.executeQuery().close();
                }
                CompletableFuture<FrozenTrial> third = CompletableFuture.supplyAsync(
                        () -> s.createTrial(study, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow());
                waitUntilWaitingForALock();
                assertEquals(1, terminateSessions());
                waitUntilWaitingForALock(); // the retry, on a new session, waits for the lock again
                holder.commit();
                assertEquals(2, third.get(30, TimeUnit.SECONDS).number());
            }
            assertTrue(s.finishTrial(first.trialId(), TrialState.COMPLETE, 0.5, null));
            assertEquals(0.5, s.getTrial(first.trialId()).value());
            assertEquals(3, s.getAllTrials(study).size(), "nothing written twice by the retried calls");
        }
    }

    private void waitUntilWaitingForALock() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = Storages.database(PostgresTestSupport.url()).connect();
                 PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE"
                         + " application_name = ? AND wait_event_type = 'Lock'")) {
                ps.setString(1, app);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
            }
            assertTrue(System.nanoTime() < end, "the storage never waited for the study's lock");
            Thread.sleep(20);
        }
    }

    @Test
    void postgresConnectionsHaveTimeoutsUnlessTheUrlSetsItsOwn() {
        Properties p = Storages.database("postgresql://u:p@127.0.0.1:5432/db").properties();
        assertEquals("60", p.getProperty("socketTimeout"));
        assertEquals("10", p.getProperty("connectTimeout"));
        assertEquals("true", p.getProperty("tcpKeepAlive"));
        assertTrue(p.getProperty("options").contains("idle_in_transaction_session_timeout=60000"));
        assertTrue(p.getProperty("options").contains("tcp_keepalives_idle=30"));
        Properties own = Storages.database("postgresql://u:p@127.0.0.1:5432/db?socketTimeout=5").properties();
        assertEquals("5", own.getProperty("socketTimeout"));
    }

    @Test
    void theServerAcceptsTheSessionSettings() throws Exception {
        try (Connection c = Storages.database(PostgresTestSupport.url(schema)).connect();
             PreparedStatement ps = c.prepareStatement("SELECT current_setting('idle_in_transaction_session_timeout'),"
                     + " current_setting('tcp_keepalives_idle')");
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals("1min", rs.getString(1));
            assertEquals("30", rs.getString(2));
        }
    }

    /** Ends every session of this test's storage from another connection; returns how many. */
    private int terminateSessions() throws Exception {
        try (Connection c = Storages.database(PostgresTestSupport.url()).connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = ?")) {
            ps.setString(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
