package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A trial lease on a database storage: a {@link HeartbeatLoop} with a connection of its own, opened on the loop's
 * thread. On (re)connecting it makes its session hold the trial's lease ({@link SqlDialect#holdLease}); every beat
 * writes the heartbeat (database clock). The trial's {@link TrialOwner} was recorded when it was created. A lost
 * connection is dropped and reopened at the next beat, so a database restart or a cut connection only pauses
 * the heartbeat. Closing it stops the loop, which closes the connection and so ends the session's lease.
 */
final class JdbcTrialLease implements TrialLease {

    /** Opens a fresh connection to the storage's database. */
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final HeartbeatLoop loop;

    JdbcTrialLease(ConnectionSource source, SqlDialect dialect, long trialId, Duration interval) {
        loop = HeartbeatLoop.start("tune-heartbeat-" + trialId, new HeartbeatLoop.Beat() {
            private Connection connection;

            @Override
            public void beat() {
                try {
                    if (connection == null) {
                        connection = source.open();
                        connection.setAutoCommit(true);
                        dialect.holdLease(connection, trialId);
                    }
                    try (PreparedStatement ps = connection.prepareStatement(JdbcStorage.upsertHeartbeatSql(dialect))) {
                        ps.setLong(1, trialId);
                        ps.executeUpdate();
                    }
                } catch (SQLException e) {
                    stop(); // reopen at the next beat
                    throw new StorageException("trial_id=" + trialId + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void stop() {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // the session is gone either way
                    }
                    connection = null;
                }
            }
        }, interval);
    }

    @Override
    public void close() {
        loop.close();
    }
}
