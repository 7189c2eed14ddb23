package org.lookaheadlab.tune.storage;

import static org.lookaheadlab.tune.storage.TestOwners.ELSEWHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Trial leases on PostgreSQL: the owner process, and across machines the session that holds the lease. */
class PostgresLeaseTest extends DatabaseLeaseConformance {

    @Override
    protected Storage openStorage() {
        return Storages.open(PostgresTestSupport.url());
    }

    @Override
    protected SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        URI uri = URI.create(PostgresTestSupport.url());
        String[] user = uri.getUserInfo().split(":", 2);
        Properties p = new Properties();
        p.setProperty("user", user[0]);
        p.setProperty("password", user.length > 1 ? user[1] : "");
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(), p);
    }

    @Test
    void aLiveSessionHoldingTheLeaseKeepsAnotherMachinesTrialUntilItEnds() throws Exception {
        long trial = storage.createTrial(study(), Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        TrialLease lease = storage.leaseTrial(trial, Duration.ofHours(1)); // one beat, then silence
        try {
            long taken = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!storage.findStaleTrials(study(), Duration.ofMillis(1)).isEmpty()) { // until the lock is held
                assertTrue(System.nanoTime() < taken, "the lease's session never took its lock");
                Thread.sleep(10);
            }
            Thread.sleep(300);
            assertEquals(List.of(), storage.findStaleTrials(study(), Duration.ofMillis(100)),
                    "heartbeat old, owner on another machine, but its session holds the lease: alive");
        } finally {
            lease.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (storage.findStaleTrials(study(), Duration.ofMillis(100)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // the server drops the session's lock as the connection closes
        }
        assertEquals(List.of(trial), storage.findStaleTrials(study(), Duration.ofMillis(100)));
    }
}
