package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The few places where SQLite and PostgreSQL SQL differ. */
enum SqlDialect {
    SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "REAL",
            "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)") {
        @Override
        void lockSchema(Connection c) {
            // the IMMEDIATE transaction already holds the database's write lock
        }

        @Override
        void lockStudy(Connection c, long studyId) {
            // the IMMEDIATE transaction already holds the database's write lock
        }

        @Override
        String leaseHeldSql(String trialIdColumn) {
            return "0"; // SQLite has no sessions to see: the lease owner's process is checked instead
        }

        @Override
        void holdLease(Connection c, long trialId) {
            // nothing: see leaseHeldSql
        }

        @Override
        boolean retryable(SQLException e) {
            String m = String.valueOf(e.getMessage());
            return m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED") || m.contains("database is locked");
        }
    },
    POSTGRESQL("BIGSERIAL PRIMARY KEY", "DOUBLE PRECISION",
            "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)") {
        @Override
        void lockSchema(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7316001)");
            }
        }

        @Override
        void lockStudy(Connection c, long studyId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT study_id FROM studies WHERE study_id = ? FOR UPDATE")) {
                ps.setLong(1, studyId);
                ps.executeQuery().close();
            }
        }

        @Override
        String leaseHeldSql(String trialIdColumn) {
            return "CASE WHEN EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                    + " AND l.classid = " + LEASE_LOCK_CLASS + " AND l.objsubid = 2 AND l.objid = CAST(MOD("
                    + trialIdColumn + ", 2147483648) AS oid)) THEN 1 ELSE 0 END";
        }

        @Override
        void holdLease(Connection c, long trialId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(" + LEASE_LOCK_CLASS
                    + ", CAST(? AS INTEGER))")) {
                ps.setLong(1, trialId % 2147483648L);
                ps.executeQuery().close();
            }
        }

        @Override
        boolean retryable(SQLException e) {
            String state = e.getSQLState();
            return state != null && (state.equals("40001") || state.equals("40P01"));
        }
    };

    /** First key of the session-level advisory locks that mark leased trials (the second is the trial id). */
    static final int LEASE_LOCK_CLASS = 7316002;

    final String idColumn;
    final String doubleType;
    /** SQL expression: the database's clock in epoch milliseconds (one clock for every worker). */
    final String nowMillis;

    SqlDialect(String idColumn, String doubleType, String nowMillis) {
        this.idColumn = idColumn;
        this.doubleType = doubleType;
        this.nowMillis = nowMillis;
    }

    /** Serialises schema creation between processes (inside a transaction). */
    abstract void lockSchema(Connection c) throws SQLException;

    /** Locks the study row so that trial numbers are assigned one at a time (inside a transaction). */
    abstract void lockStudy(Connection c, long studyId) throws SQLException;

    /**
     * SQL expression, 1 when a live database session holds the lease of the trial in {@code trialIdColumn}
     * (PostgreSQL: the session-level advisory lock {@link #holdLease} takes, which the server drops as soon as
     * the session ends), else 0.
     */
    abstract String leaseHeldSql(String trialIdColumn);

    /** Makes this connection's session hold the trial's lease until it ends (no-op where sessions are not seen). */
    abstract void holdLease(Connection c, long trialId) throws SQLException;

    /** True for lock/serialisation errors worth retrying. */
    abstract boolean retryable(SQLException e);
}
