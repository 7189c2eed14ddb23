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
        boolean retryable(SQLException e) {
            String state = e.getSQLState();
            return state != null && (state.equals("40001") || state.equals("40P01"));
        }
    };

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

    /** True for lock/serialisation errors worth retrying. */
    abstract boolean retryable(SQLException e);
}
