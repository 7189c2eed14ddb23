package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.lookaheadlab.tune.DuplicatedStudyException;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.StudyInfo;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.distributions.Distribution;
import org.lookaheadlab.tune.distributions.DistributionJson;

/**
 * A storage in an SQL database (SQLite file or PostgreSQL), shared by any number of processes.
 *
 * <p>Coordination: a new trial's number is assigned in the transaction that inserts it, under the study row's
 * lock (PostgreSQL {@code SELECT … FOR UPDATE}; SQLite: every write transaction is {@code BEGIN IMMEDIATE},
 * which holds the database's write lock), and {@code UNIQUE(study_id, number)} backs it up. A state change is
 * {@code UPDATE … WHERE state = 'RUNNING'}, so exactly one worker can finish or fail a trial; an enqueued
 * (WAITING) trial is started by {@code UPDATE … WHERE state = 'WAITING'} under the study lock, so exactly one
 * worker starts it. Table {@code trial_system_attributes} (enqueued trials' fixed parameters, retry
 * bookkeeping) was added after schema version 1 and is created when missing, so older files keep working.
 * Heartbeats and start/end times use the database's clock, so workers on different machines agree on
 * staleness. Parameters,
 * intermediate values and attributes are upserts. Lock and serialisation errors are retried; a lost connection
 * is reopened and the operation retried.
 *
 * <p>Reads: finished trials never change, so each instance caches them per study and a read fetches only
 * trials it has not seen yet and those it last saw unfinished (see {@link StudyTrialCache}); {@link #getTrial}
 * answers a cached finished trial without a query. NaN intermediate values are stored as NULL. Parameters
 * read back are ordered by name. One connection per instance; calls are serialised.
 */
public final class JdbcStorage implements Storage {

    private static final int SCHEMA_VERSION = 1;
    private static final int MAX_ATTEMPTS = 20;

    private final String jdbcUrl;
    private final Properties props;
    private final SqlDialect dialect;
    private final Map<Long, StudyTrialCache> caches = new HashMap<>();
    private Connection connection;

    private JdbcStorage(String jdbcUrl, Properties props, SqlDialect dialect) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.props = props;
        this.dialect = dialect;
        this.connection = connect();
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        c.setAutoCommit(true);
        return c;
    }

    static JdbcStorage open(String jdbcUrl, Properties props, SqlDialect dialect) {
        Properties p = new Properties();
        p.putAll(props);
        if (dialect == SqlDialect.SQLITE) {
            p.setProperty("busy_timeout", "60000");
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "NORMAL");
            p.setProperty("transaction_mode", "IMMEDIATE");
            p.setProperty("foreign_keys", "true");
        }
        try {
            JdbcStorage storage = new JdbcStorage(jdbcUrl, p, dialect);
            storage.createSchema();
            return storage;
        } catch (SQLException e) {
            throw new StorageException("cannot open storage " + jdbcUrl.replaceAll("password=[^&]*", "password=***")
                    + ": " + e.getMessage(), e);
        }
    }

    private void createSchema() {
        String id = dialect.idColumn;
        String dbl = dialect.doubleType;
        String[] ddl = {
            "CREATE TABLE IF NOT EXISTS version_info (version_info_id INTEGER PRIMARY KEY, schema_version INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS studies (study_id " + id + ", study_name VARCHAR(512) NOT NULL UNIQUE,"
                    + " direction VARCHAR(16) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS trials (trial_id " + id + ", number INTEGER NOT NULL,"
                    + " study_id BIGINT NOT NULL REFERENCES studies(study_id), state VARCHAR(16) NOT NULL,"
                    + " value " + dbl + ", fail_reason TEXT, datetime_start BIGINT, datetime_complete BIGINT,"
                    + " UNIQUE (study_id, number))",
            "CREATE INDEX IF NOT EXISTS ix_trials_study_state ON trials (study_id, state)",
            "CREATE TABLE IF NOT EXISTS trial_params (trial_id BIGINT NOT NULL REFERENCES trials(trial_id),"
                    + " param_name VARCHAR(512) NOT NULL, param_value " + dbl + " NOT NULL,"
                    + " distribution_json TEXT NOT NULL, PRIMARY KEY (trial_id, param_name))",
            "CREATE TABLE IF NOT EXISTS trial_intermediate_values (trial_id BIGINT NOT NULL REFERENCES trials(trial_id),"
                    + " step INTEGER NOT NULL, intermediate_value " + dbl + ", PRIMARY KEY (trial_id, step))",
            "CREATE TABLE IF NOT EXISTS trial_user_attributes (trial_id BIGINT NOT NULL REFERENCES trials(trial_id),"
                    + " attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, attr_key))",
            // added after schema version 1 shipped: created when missing, so older files open unchanged
            "CREATE TABLE IF NOT EXISTS trial_system_attributes (trial_id BIGINT NOT NULL REFERENCES trials(trial_id),"
                    + " attr_key VARCHAR(512) NOT NULL, value_json TEXT NOT NULL, PRIMARY KEY (trial_id, attr_key))",
            "CREATE TABLE IF NOT EXISTS trial_heartbeats (trial_id BIGINT PRIMARY KEY REFERENCES trials(trial_id),"
                    + " heartbeat BIGINT NOT NULL)",
        };
        transaction(c -> {
            dialect.lockSchema(c);
            try (Statement s = c.createStatement()) {
                for (String sql : ddl) {
                    s.execute(sql);
                }
                try (ResultSet rs = s.executeQuery("SELECT schema_version FROM version_info WHERE version_info_id = 1")) {
                    if (!rs.next()) {
                        s.execute("INSERT INTO version_info (version_info_id, schema_version) VALUES (1, "
                                + SCHEMA_VERSION + ")");
                    } else if (rs.getInt(1) != SCHEMA_VERSION) {
                        throw new StorageException("database schema version " + rs.getInt(1)
                                + " is not supported; this build reads version " + SCHEMA_VERSION, null);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public synchronized StudyInfo createStudy(String name, StudyDirection direction) {
        Long id = transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO studies (study_name, direction) VALUES (?, ?)"
                    + " ON CONFLICT (study_name) DO NOTHING RETURNING study_id")) {
                ps.setString(1, name);
                ps.setString(2, direction.name());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
        if (id == null) {
            throw new DuplicatedStudyException(name);
        }
        return new StudyInfo(id, name, direction);
    }

    @Override
    public synchronized Optional<StudyInfo> findStudy(String name) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT study_id, direction FROM studies WHERE study_name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new StudyInfo(rs.getLong(1), name, StudyDirection.valueOf(rs.getString(2))))
                            : Optional.<StudyInfo>empty();
                }
            }
        });
    }

    @Override
    public synchronized Optional<FrozenTrial> createTrial(long studyId, int maxActive, TrialOwner owner) {
        Started started = transaction(c -> {
            dialect.lockStudy(c, studyId);
            if (maxActive != Integer.MAX_VALUE && countActive(c, studyId) >= maxActive) {
                return null;
            }
            Started s = startWaiting(c, studyId);
            if (s == null) {
                s = insertTrial(c, studyId, TrialState.RUNNING);
            }
            if (owner != null) {
                try (PreparedStatement hb = c.prepareStatement("INSERT INTO trial_heartbeats (trial_id, heartbeat)"
                        + " VALUES (?, " + dialect.nowMillis + ") ON CONFLICT (trial_id) DO UPDATE"
                        + " SET heartbeat = excluded.heartbeat")) {
                    hb.setLong(1, s.trialId);
                    hb.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_system_attributes (trial_id,"
                        + " attr_key, value_json) VALUES (?, ?, ?) ON CONFLICT (trial_id, attr_key) DO UPDATE"
                        + " SET value_json = excluded.value_json")) {
                    ps.setLong(1, s.trialId);
                    ps.setString(2, TrialOwner.ATTR);
                    ps.setString(3, owner.toJson());
                    ps.executeUpdate();
                }
            }
            return s;
        });
        if (started == null) {
            return Optional.empty();
        }
        // a new trial has nothing else stored yet but its owner: no need to read it back; a started WAITING one
        // has attributes
        if (started.wasWaiting) {
            return Optional.of(getTrial(started.trialId));
        }
        Details details = new Details();
        if (owner != null) {
            details.systemAttrs.put(TrialOwner.ATTR, UserAttrJson.parse(owner.toJson()));
        }
        return Optional.of(new TrialRow(started.trialId, started.number, TrialState.RUNNING, null, null,
                started.start, null).toFrozen(details));
    }

    @Override
    public synchronized FrozenTrial enqueueTrial(long studyId, Map<String, String> systemAttrsJson) {
        long id = transaction(c -> {
            dialect.lockStudy(c, studyId);
            long trialId = insertTrial(c, studyId, TrialState.WAITING).trialId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_system_attributes"
                    + " (trial_id, attr_key, value_json) VALUES (?, ?, ?)")) {
                for (var e : systemAttrsJson.entrySet()) {
                    ps.setLong(1, trialId);
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue());
                    ps.executeUpdate();
                }
            }
            return trialId;
        });
        return getTrial(id);
    }

    /** A trial a transaction started: new, or formerly WAITING. */
    private record Started(long trialId, int number, long start, boolean wasWaiting) {
    }

    /** Under the study lock: moves the oldest WAITING trial to RUNNING; null when there is none. */
    private Started startWaiting(Connection c, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = 'RUNNING', datetime_start = "
                + dialect.nowMillis + " WHERE trial_id = (SELECT trial_id FROM trials WHERE study_id = ?"
                + " AND state = 'WAITING' ORDER BY number LIMIT 1) AND state = 'WAITING'"
                + " RETURNING trial_id, number, datetime_start")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Started(rs.getLong(1), rs.getInt(2), rs.getLong(3), true) : null;
            }
        }
    }

    /** Under the study lock: inserts a trial with the next number (start time now unless WAITING). */
    private Started insertTrial(Connection c, long studyId, TrialState state) throws SQLException {
        int number;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study_id = ?")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                number = rs.getInt(1);
            }
        }
        String start = state == TrialState.WAITING ? "NULL" : dialect.nowMillis;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (number, study_id, state, datetime_start)"
                + " VALUES (?, ?, ?, " + start + ") RETURNING trial_id, datetime_start")) {
            ps.setInt(1, number);
            ps.setLong(2, studyId);
            ps.setString(3, state.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Started(rs.getLong(1), number, rs.getLong(2), false);
            }
        }
    }

    /** Trials of the study in state COMPLETE or RUNNING (the ones a target count counts). */
    private static int countActive(Connection c, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM trials WHERE study_id = ? AND state IN ('COMPLETE', 'RUNNING')")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public synchronized void setTrialParam(long trialId, String name, double internalValue, Distribution dist) {
        update("INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (trial_id, param_name) DO UPDATE SET param_value = excluded.param_value,"
                + " distribution_json = excluded.distribution_json",
                trialId, name, internalValue, DistributionJson.toJson(dist));
    }

    @Override
    public synchronized void setTrialIntermediateValue(long trialId, int step, double value) {
        update("INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value) VALUES (?, ?, ?)"
                + " ON CONFLICT (trial_id, step) DO NOTHING", trialId, step, Double.isNaN(value) ? null : value);
    }

    @Override
    public synchronized void setTrialUserAttr(long trialId, String key, String valueJson) {
        update("INSERT INTO trial_user_attributes (trial_id, attr_key, value_json) VALUES (?, ?, ?)"
                + " ON CONFLICT (trial_id, attr_key) DO UPDATE SET value_json = excluded.value_json",
                trialId, key, valueJson);
    }

    @Override
    public synchronized boolean finishTrial(long trialId, TrialState state, Double value, String failReason) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("finishTrial needs COMPLETE, PRUNED or FAIL, but got " + state);
        }
        return update("UPDATE trials SET state = ?, value = ?, fail_reason = ?, datetime_complete = "
                + dialect.nowMillis + " WHERE trial_id = ? AND state = 'RUNNING'",
                state.name(), value, failReason, trialId) == 1;
    }

    @Override
    public synchronized void recordHeartbeat(long trialId) {
        update("INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (?, " + dialect.nowMillis + ")"
                + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat", trialId);
    }

    @Override
    public TrialLease leaseTrial(long trialId, Duration interval) {
        return new JdbcTrialLease(this::connect, dialect, trialId, interval);
    }

    @Override
    public synchronized List<Long> findStaleTrials(long studyId, Duration grace) {
        return read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, CASE WHEN h.heartbeat < "
                    + dialect.nowMillis + " - ? THEN 1 ELSE 0 END, a.value_json, " + dialect.leaseHeldSql("t.trial_id")
                    + " FROM trials t JOIN trial_heartbeats h ON h.trial_id = t.trial_id"
                    + " LEFT JOIN trial_system_attributes a ON a.trial_id = t.trial_id AND a.attr_key = ?"
                    + " WHERE t.study_id = ? AND t.state = 'RUNNING' ORDER BY t.trial_id")) {
                ps.setLong(1, grace.toMillis());
                ps.setString(2, TrialOwner.ATTR);
                ps.setLong(3, studyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean heartbeatOld = rs.getInt(2) == 1;
                        boolean leaseHeld = rs.getInt(4) == 1;
                        TrialOwner.Liveness owner = TrialOwner.fromJson(rs.getString(3))
                                .map(TrialOwner::livenessHere).orElse(TrialOwner.Liveness.UNKNOWN);
                        if (StaleTrials.isStale(owner, leaseHeld, heartbeatOld)) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public synchronized boolean requeueTrial(long trialId, Map<String, String> systemAttrsJson) {
        return transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = 'WAITING', value = NULL,"
                    + " fail_reason = NULL, datetime_start = NULL, datetime_complete = NULL"
                    + " WHERE trial_id = ? AND state = 'RUNNING'")) {
                ps.setLong(1, trialId);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            for (String table : List.of("trial_params", "trial_intermediate_values", "trial_user_attributes",
                    "trial_heartbeats")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE trial_id = ?")) {
                    ps.setLong(1, trialId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM trial_system_attributes WHERE trial_id = ? AND attr_key = ?")) {
                ps.setLong(1, trialId);
                ps.setString(2, TrialOwner.ATTR);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_system_attributes (trial_id, attr_key,"
                    + " value_json) VALUES (?, ?, ?) ON CONFLICT (trial_id, attr_key) DO UPDATE"
                    + " SET value_json = excluded.value_json")) {
                for (var e : systemAttrsJson.entrySet()) {
                    ps.setLong(1, trialId);
                    ps.setString(2, e.getKey());
                    ps.setString(3, e.getValue());
                    ps.executeUpdate();
                }
            }
            return true;
        });
    }

    /** Above this many unfinished trials, a refresh reads the id range from the oldest one instead of a list. */
    private static final int MAX_LISTED_UNFINISHED = 500;

    @Override
    public synchronized List<FrozenTrial> getAllTrials(long studyId) {
        StudyTrialCache cache = caches.computeIfAbsent(studyId, k -> new StudyTrialCache());
        List<Long> args = new ArrayList<>();
        args.add(studyId);
        StringBuilder where = new StringBuilder(" WHERE study_id = ? AND ");
        var unfinished = cache.unfinishedIds();
        if (unfinished.isEmpty()) {
            where.append("trial_id > ?");
            args.add(cache.maxSeenId());
        } else if (unfinished.size() <= MAX_LISTED_UNFINISHED) {
            where.append("(trial_id > ? OR trial_id IN (").append("?,".repeat(unfinished.size() - 1)).append("?))");
            args.add(cache.maxSeenId());
            args.addAll(unfinished);
        } else {
            where.append("trial_id >= ?");
            args.add(unfinished.first());
        }
        List<FrozenTrial> fresh = read(c -> {
            List<TrialRow> rows = new ArrayList<>();
            query(c, TrialRow.SELECT + where, args, rs -> rows.add(TrialRow.of(rs)));
            List<Long> toLoad = new ArrayList<>();
            for (TrialRow r : rows) {
                if (cache.finished(r.trialId) == null) {
                    toLoad.add(r.trialId);
                }
            }
            Map<Long, Details> details = loadDetails(c, toLoad);
            List<FrozenTrial> out = new ArrayList<>(toLoad.size());
            for (TrialRow r : rows) {
                if (cache.finished(r.trialId) == null) {
                    out.add(r.toFrozen(details.getOrDefault(r.trialId, new Details())));
                }
            }
            return out;
        });
        return cache.merge(fresh);
    }

    @Override
    public synchronized FrozenTrial getTrial(long trialId) {
        for (StudyTrialCache cache : caches.values()) {
            FrozenTrial cached = cache.finished(trialId);
            if (cached != null) {
                return cached;
            }
        }
        return read(c -> {
            TrialRow row;
            try (PreparedStatement ps = c.prepareStatement(TrialRow.SELECT + " WHERE trial_id = ?")) {
                ps.setLong(1, trialId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no trial with trial_id=" + trialId);
                    }
                    row = TrialRow.of(rs);
                }
            }
            return row.toFrozen(loadDetails(c, List.of(trialId)).getOrDefault(trialId, new Details()));
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("closing the storage failed: " + e.getMessage(), e);
        }
    }

    // ---- details: params, intermediate values, user attributes --------------------------------------------

    private static final class Details {
        final Map<String, Double> params = new LinkedHashMap<>();
        final Map<String, Distribution> dists = new LinkedHashMap<>();
        final TreeMap<Integer, Double> intermediate = new TreeMap<>();
        final Map<String, Object> attrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();
    }

    private Map<Long, Details> loadDetails(Connection c, List<Long> ids) throws SQLException {
        Map<Long, Details> out = new HashMap<>();
        Map<String, Distribution> parsed = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String in = " WHERE trial_id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            query(c, "SELECT trial_id, param_name, param_value, distribution_json FROM trial_params" + in
                    + " ORDER BY trial_id, param_name", chunk, rs -> {
                    Details d = out.computeIfAbsent(rs.getLong(1), k -> new Details());
                    String name = rs.getString(2);
                    d.params.put(name, rs.getDouble(3));
                    d.dists.put(name, parsed.computeIfAbsent(rs.getString(4), DistributionJson::fromJson));
                });
            query(c, "SELECT trial_id, step, intermediate_value FROM trial_intermediate_values" + in, chunk, rs -> {
                double v = rs.getDouble(3);
                double value = rs.wasNull() ? Double.NaN : v;
                out.computeIfAbsent(rs.getLong(1), k -> new Details()).intermediate.put(rs.getInt(2), value);
            });
            query(c, "SELECT trial_id, attr_key, value_json FROM trial_user_attributes" + in, chunk, rs ->
                    out.computeIfAbsent(rs.getLong(1), k -> new Details()).attrs
                            .put(rs.getString(2), UserAttrJson.parse(rs.getString(3))));
            query(c, "SELECT trial_id, attr_key, value_json FROM trial_system_attributes" + in, chunk, rs ->
                    out.computeIfAbsent(rs.getLong(1), k -> new Details()).systemAttrs
                            .put(rs.getString(2), UserAttrJson.parse(rs.getString(3))));
        }
        return out;
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<Long> ids, RowHandler h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    h.handle(rs);
                }
            }
        }
    }

    private record TrialRow(long trialId, int number, TrialState state, Double value, String failReason,
                            Long start, Long end) {
        static final String SELECT = "SELECT trial_id, number, state, value, fail_reason, datetime_start,"
                + " datetime_complete FROM trials";

        static TrialRow of(ResultSet rs) throws SQLException {
            double v = rs.getDouble(4);
            Double value = rs.wasNull() ? null : v;
            long s = rs.getLong(6);
            Long start = rs.wasNull() ? null : s;
            long e = rs.getLong(7);
            Long end = rs.wasNull() ? null : e;
            return new TrialRow(rs.getLong(1), rs.getInt(2), TrialState.valueOf(rs.getString(3)), value,
                    rs.getString(5), start, end);
        }

        FrozenTrial toFrozen(Details d) {
            return new FrozenTrial(trialId, number, state, value, d.params, d.dists, d.intermediate, d.attrs,
                    failReason, start == null ? null : Instant.ofEpochMilli(start),
                    end == null ? null : Instant.ofEpochMilli(end), d.systemAttrs);
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs a read in autocommit mode, retrying lock errors. */
    private <T> T read(SqlWork<T> work) {
        return withRetry(() -> work.run(connection));
    }

    /** Runs a write transaction (IMMEDIATE on SQLite), retrying lock and serialisation errors. */
    private <T> T transaction(SqlWork<T> work) {
        return withRetry(() -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** One autocommitted statement; returns the update count. */
    private int update(String sql, Object... args) {
        return withRetry(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    Object a = args[i];
                    if (a == null) {
                        ps.setNull(i + 1, Types.DOUBLE);
                    } else if (a instanceof Double d) {
                        ps.setDouble(i + 1, d);
                    } else if (a instanceof Long l) {
                        ps.setLong(i + 1, l);
                    } else if (a instanceof Integer n) {
                        ps.setInt(i + 1, n);
                    } else {
                        ps.setString(i + 1, a.toString());
                    }
                }
                return ps.executeUpdate();
            }
        });
    }

    private interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * Replaces a broken connection (database restart, network cut). Every operation is one transaction, so a
     * retry repeats it whole; the one that is not idempotent, creating a trial, at worst leaves an extra RUNNING
     * trial whose heartbeat then goes stale (when created with one) and is failed by the sweep.
     */
    private void reconnect(SQLException cause) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the old connection is gone anyway
        }
        try {
            connection = connect();
        } catch (SQLException e) {
            e.addSuppressed(cause);
            // keep the broken connection; the next attempt fails again and retries or gives up
        }
    }

    private <T> T withRetry(Attempt<T> attempt) {
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                boolean lostConnection = e.getSQLState() != null && e.getSQLState().startsWith("08");
                if (i >= MAX_ATTEMPTS || !(dialect.retryable(e) || lostConnection)) {
                    throw new StorageException("storage operation failed: " + e.getMessage(), e);
                }
                if (lostConnection) {
                    reconnect(e);
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(20, 200));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while retrying a storage operation", e);
                }
            }
        }
    }
}
