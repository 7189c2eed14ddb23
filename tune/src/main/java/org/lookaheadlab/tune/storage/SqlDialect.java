package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The few places where SQLite and PostgreSQL SQL differ, for Optuna's schema as SQLAlchemy lays it out on each:
 * SQLite keeps a datetime as text {@code YYYY-MM-DD HH:MM:SS.ffffff} and an enum as {@code VARCHAR}; PostgreSQL
 * has {@code TIMESTAMP WITHOUT TIME ZONE} and enum types.
 *
 * <p>Times, as Optuna writes them: {@code datetime_start}/{@code datetime_complete} in local time (Optuna's
 * {@code datetime.now()}); heartbeats in the database's {@code CURRENT_TIMESTAMP} (SQLite: UTC; PostgreSQL: the
 * session's time zone, which the JDBC driver sets to this JVM's). Both come from the database's clock, so
 * workers on different machines agree on a heartbeat's age.
 */
enum SqlDialect {
    SQLITE("INTEGER", "FLOAT", "DATETIME",
            "strftime('%Y-%m-%d %H:%M:%f000', 'now', 'localtime')",
            "strftime('%Y-%m-%d %H:%M:%f000', 'now')") {
        @Override
        String enumColumn(OptunaEnum type) {
            return "VARCHAR(" + type.width + ")";
        }

        @Override
        String enumValue(OptunaEnum type) {
            return "?";
        }

        @Override
        void createEnumType(Connection c, OptunaEnum type) {
            // SQLite has no enum types: the column is a VARCHAR
        }

        @Override
        String heartbeatOlderThanMillis(String column) {
            return "(julianday('now') - julianday(" + column + ")) * 86400000.0 > ?";
        }

        @Override
        String epochMillis(String column) {
            return "CAST(ROUND((julianday(" + column + ") - 2440587.5) * 86400000.0) AS INTEGER)";
        }

        @Override
        Instant readLocalTime(ResultSet rs, int column) throws SQLException {
            String text = rs.getString(column);
            return text == null ? null : parse(text).atZone(ZoneId.systemDefault()).toInstant();
        }

        @Override
        void bindLocalTime(PreparedStatement ps, int index, Instant t) throws SQLException {
            ps.setString(index, FORMAT.format(LocalDateTime.ofInstant(t, ZoneId.systemDefault())));
        }

        @Override
        void bindHeartbeat(PreparedStatement ps, int index, Instant t) throws SQLException {
            ps.setString(index, FORMAT.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)));
        }

        @Override
        boolean tableExists(Connection c, String table) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }

        @Override
        void lockSchema(Connection c) {
            // the IMMEDIATE transaction already holds the database's write lock
        }

        @Override
        void lockStudy(Connection c, long studyId) {
            // the IMMEDIATE transaction already holds the database's write lock
        }

        @Override
        void resetIdSequence(Connection c, String table, String idColumn) {
            // an INTEGER PRIMARY KEY is the rowid: the next id is max + 1
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
    POSTGRESQL("SERIAL", "FLOAT(53)", "TIMESTAMP WITHOUT TIME ZONE",
            "CAST(clock_timestamp() AS TIMESTAMP)", "CAST(clock_timestamp() AS TIMESTAMP)") {
        @Override
        String enumColumn(OptunaEnum type) {
            return type.sqlName;
        }

        @Override
        String enumValue(OptunaEnum type) {
            return "CAST(? AS " + type.sqlName + ")";
        }

        @Override
        void createEnumType(Connection c, OptunaEnum type) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regtype(?) IS NOT NULL")) {
                ps.setString(1, type.sqlName);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TYPE " + type.sqlName + " AS ENUM ('" + String.join("', '", type.labels) + "')");
            }
        }

        @Override
        String heartbeatOlderThanMillis(String column) {
            return column + " < " + nowHeartbeat + " - CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond'";
        }

        @Override
        String epochMillis(String column) {
            return "CAST(EXTRACT(EPOCH FROM CAST(" + column + " AS TIMESTAMPTZ)) * 1000 AS BIGINT)";
        }

        @Override
        Instant readLocalTime(ResultSet rs, int column) throws SQLException {
            LocalDateTime t = rs.getObject(column, LocalDateTime.class);
            return t == null ? null : t.atZone(ZoneId.systemDefault()).toInstant();
        }

        @Override
        void bindLocalTime(PreparedStatement ps, int index, Instant t) throws SQLException {
            ps.setObject(index, LocalDateTime.ofInstant(t, ZoneId.systemDefault()));
        }

        @Override
        void bindHeartbeat(PreparedStatement ps, int index, Instant t) throws SQLException {
            bindLocalTime(ps, index, t); // the session's time zone is this JVM's
        }

        @Override
        boolean tableExists(Connection c, String table) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }

        @Override
        void lockSchema(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7316001)");
            }
        }

        @Override
        void lockStudy(Connection c, long studyId) throws SQLException {
            // the lock Optuna's RDBStorage takes to number a new trial, so Python workers queue behind it too
            try (PreparedStatement ps = c.prepareStatement("SELECT study_id FROM studies WHERE study_id = ? FOR UPDATE")) {
                ps.setLong(1, studyId);
                ps.executeQuery().close();
            }
        }

        @Override
        void resetIdSequence(Connection c, String table, String idColumn) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT setval(pg_get_serial_sequence('" + table + "', '" + idColumn + "'), COALESCE(MAX("
                        + idColumn + "), 1), MAX(" + idColumn + ") IS NOT NULL) FROM " + table).close();
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

    /** SQLAlchemy's text form of a datetime on SQLite. */
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    /** Column type of an auto-numbered integer primary key ({@code Integer, primary_key=True}). */
    final String serialColumn;
    /** Column type of {@code Float(precision=53)}. */
    final String floatColumn;
    /** Column type of {@code DateTime}. */
    final String dateTimeColumn;
    /** SQL expression: now, in local time, for {@code datetime_start} and {@code datetime_complete}. */
    final String nowLocal;
    /** SQL expression: now, as the database's {@code CURRENT_TIMESTAMP}, for heartbeats. */
    final String nowHeartbeat;

    SqlDialect(String serialColumn, String floatColumn, String dateTimeColumn, String nowLocal, String nowHeartbeat) {
        this.serialColumn = serialColumn;
        this.floatColumn = floatColumn;
        this.dateTimeColumn = dateTimeColumn;
        this.nowLocal = nowLocal;
        this.nowHeartbeat = nowHeartbeat;
    }

    /** Column type of one of Optuna's enums. */
    abstract String enumColumn(OptunaEnum type);

    /** The placeholder of an enum value's parameter ({@code ?}, cast where the column has an enum type). */
    abstract String enumValue(OptunaEnum type);

    /** Creates the enum type unless it exists (PostgreSQL); no-op where enums are VARCHAR. */
    abstract void createEnumType(Connection c, OptunaEnum type) throws SQLException;

    /** SQL condition, true when the heartbeat in {@code column} is older than {@code ?} milliseconds. */
    abstract String heartbeatOlderThanMillis(String column);

    /** SQL expression: the datetime in {@code column} (as the database's clock reads it) in epoch milliseconds. */
    abstract String epochMillis(String column);

    /** A {@code datetime_start}/{@code datetime_complete} value (local time), or null. */
    abstract Instant readLocalTime(ResultSet rs, int column) throws SQLException;

    /** Binds an instant as a {@code datetime_start}/{@code datetime_complete} value (local time). */
    abstract void bindLocalTime(PreparedStatement ps, int index, Instant t) throws SQLException;

    /** Binds an instant as a heartbeat ({@code CURRENT_TIMESTAMP}'s time zone). */
    abstract void bindHeartbeat(PreparedStatement ps, int index, Instant t) throws SQLException;

    /** Whether the table exists (PostgreSQL: in the connection's search path). */
    abstract boolean tableExists(Connection c, String table) throws SQLException;

    /** Serialises schema creation between processes (inside a transaction). */
    abstract void lockSchema(Connection c) throws SQLException;

    /** Locks the study row so that trial numbers are assigned one at a time (inside a transaction). */
    abstract void lockStudy(Connection c, long studyId) throws SQLException;

    /** After rows were inserted with explicit ids: the next generated id follows the largest one. */
    abstract void resetIdSequence(Connection c, String table, String idColumn) throws SQLException;

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

    /** SQLite's datetime text (with or without fractional seconds, as Optuna and SQLite write it). */
    static LocalDateTime parse(String text) {
        return LocalDateTime.parse(text.trim().replace(' ', 'T'));
    }
}
