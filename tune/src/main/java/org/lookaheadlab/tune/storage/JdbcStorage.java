package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.lookaheadlab.tune.DuplicatedStudyException;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StoredStudy;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.StudyInfo;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.distributions.Distribution;
import org.lookaheadlab.tune.distributions.DistributionJson;

/**
 * A storage in an SQL database (SQLite file or PostgreSQL) in <b>Optuna's RDB schema</b> ({@link OptunaSchema}:
 * Optuna 5.0's tables, alembic revision {@code v3.2.0.a}), shared by any number of processes — ours and Optuna's
 * own {@code RDBStorage}, optuna-dashboard included.
 *
 * <p>Mapping: a study is a {@code studies} row with one {@code study_directions} row; a trial's state is Optuna's
 * enum name, its value a {@code trial_values} row (objective 0, with {@code value_type}), its parameters
 * {@code trial_params} rows in their internal representation with Optuna's distribution JSON, its intermediate
 * values {@code trial_intermediate_values} rows (NaN and ±∞ as NULL with their type), its start and end local
 * times as Optuna writes them. What Optuna has no column for is a trial system attribute (JSON, as Optuna keeps
 * them): {@code fail_reason} (as Optuna 2 wrote it), {@link TrialOwner#ATTR}, and the tuner's
 * {@link FrozenTrial#FIXED_PARAMS} (Optuna's own key for an enqueued trial's parameters),
 * {@link FrozenTrial#FAILED_TRIAL}, {@link FrozenTrial#RETRY_COUNT}, {@link FrozenTrial#RERUN_COUNT}.
 *
 * <p>Coordination, the same as Optuna's, so that Java and Python workers share a study: a new trial's number is
 * the count of the study's trials, taken in the transaction that inserts it under the study row's lock
 * (PostgreSQL {@code SELECT … FOR UPDATE}, the lock Optuna takes; SQLite: every write transaction is
 * {@code BEGIN IMMEDIATE}, which holds the database's write lock). A state change is
 * {@code UPDATE … WHERE state = 'RUNNING'}, so exactly one worker can finish or fail a trial; an enqueued
 * (WAITING) trial is started by {@code UPDATE … WHERE state = 'WAITING'} under the study lock, so exactly one
 * worker starts it. Heartbeats ({@code trial_heartbeats}) and start/end times use the database's clock, so
 * workers on different machines agree on staleness. Parameters, intermediate values and attributes are upserts.
 * Lock and serialisation errors are retried; a lost connection (a restarting server, a cut or silent network:
 * PostgreSQL connections have socket and connect timeouts, see {@link JdbcDatabase}) is reopened and the
 * operation retried, for up to {@link #RECONNECT_FOR} (opening a storage is not retried: a wrong URL fails at once).
 *
 * <p>Opening a database in Lookahead Lab's old schema (version 1) is refused with one line that names
 * {@code ./lookahead storage upgrade URL} ({@link StorageUpgrade}); another alembic revision is refused too.
 *
 * <p>Reads: finished trials never change, so each instance caches them per study and a read fetches only
 * trials it has not seen yet and those it last saw unfinished (see {@link StudyTrialCache}); {@link #getTrial}
 * answers a cached finished trial without a query. Parameters read back are in the order they were set
 * ({@code param_id}, as Optuna reads them). One connection per instance; calls are serialised.
 */
public final class JdbcStorage implements Storage {

    /** The trial system attribute that holds a FAIL trial's reason (Optuna has no column for it). */
    static final String FAIL_REASON_ATTR = "fail_reason";

    /**
     * The system attribute that makes creating a trial idempotent: a random token per {@link #createTrial} call,
     * written in the creating transaction, so that a retry after a connection lost between the commit and its
     * acknowledgement finds the trial it already created instead of creating a second one.
     */
    static final String CREATION_TOKEN_ATTR = "creation_token";

    private static final int MAX_ATTEMPTS = 20;
    private static final String UPSERT_SYSTEM_ATTR = "INSERT INTO trial_system_attributes (trial_id, \"key\","
            + " value_json) VALUES (?, ?, ?) ON CONFLICT (trial_id, \"key\") DO UPDATE SET value_json = excluded.value_json";

    private final JdbcDatabase database;
    private final JdbcTrialLease.ConnectionSource connections;
    private final SqlDialect dialect;
    private final Map<Long, StudyTrialCache> caches = new HashMap<>();
    private Connection connection;

    private JdbcStorage(JdbcDatabase database, JdbcTrialLease.ConnectionSource connections) throws SQLException {
        this.database = database;
        this.connections = connections;
        this.dialect = database.dialect();
        this.connection = connections.open(); // a wrong host or port fails at once, with one line
    }

    /**
     * Opens the database, creating Optuna's schema in an empty one.
     *
     * @throws StorageException when it cannot be opened, or holds another schema (one line; for Lookahead Lab's
     *                          old schema it names the upgrade command)
     */
    static JdbcStorage open(JdbcDatabase database) {
        return open(database, database::connect);
    }

    /** {@link #open(JdbcDatabase)} with the storage's own connections from {@code connections} (tests: faults). */
    static JdbcStorage open(JdbcDatabase database, JdbcTrialLease.ConnectionSource connections) {
        JdbcStorage storage;
        try {
            storage = new JdbcStorage(database, connections);
        } catch (SQLException e) {
            throw new StorageException("cannot open storage " + database.jdbcUrl().replaceAll("password=[^&]*",
                    "password=***") + ": " + e.getMessage(), e);
        }
        try {
            storage.transaction(c -> {
                storage.dialect.lockSchema(c);
                OptunaSchema.ensure(c, storage.dialect, database.displayUrl());
                return null;
            });
            return storage;
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** SQL: writes "now" (the database's clock) as trial {@code ?}'s heartbeat. */
    static String upsertHeartbeatSql(SqlDialect dialect) {
        return "INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (?, " + dialect.nowHeartbeat + ")"
                + " ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat";
    }

    @Override
    public synchronized StudyInfo createStudy(String name, StudyDirection direction) {
        Long id = transaction(c -> {
            Long studyId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO studies (study_name) VALUES (?)"
                    + " ON CONFLICT (study_name) DO NOTHING RETURNING study_id")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    studyId = rs.next() ? rs.getLong(1) : null;
                }
            }
            if (studyId != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO study_directions (direction, study_id,"
                        + " objective) VALUES (" + dialect.enumValue(OptunaEnum.STUDY_DIRECTION) + ", ?, 0)")) {
                    ps.setString(1, direction.name());
                    ps.setLong(2, studyId);
                    ps.executeUpdate();
                }
            }
            return studyId;
        });
        if (id == null) {
            throw new DuplicatedStudyException(name);
        }
        return new StudyInfo(id, name, direction);
    }

    /** {@inheritDoc} A study with several objectives is refused ({@link StoredStudy#toStudyInfo}). */
    @Override
    public synchronized Optional<StudyInfo> findStudy(String name) {
        return read(c -> {
            long id = -1;
            List<StudyDirection> directions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.study_id, d.direction FROM studies s"
                    + " LEFT JOIN study_directions d ON d.study_id = s.study_id WHERE s.study_name = ?"
                    + " ORDER BY d.objective")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        id = rs.getLong(1);
                        addDirection(directions, name, rs.getString(2));
                    }
                }
            }
            return id < 0 ? Optional.<StudyInfo>empty()
                    : Optional.of(new StoredStudy(id, name, directions, Map.of(), Map.of()).toStudyInfo());
        });
    }

    @Override
    public synchronized List<StoredStudy> getAllStudies() {
        return read(c -> {
            Map<Long, String> names = new LinkedHashMap<>();
            Map<Long, List<StudyDirection>> directions = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.study_id, s.study_name, d.direction FROM studies s"
                    + " LEFT JOIN study_directions d ON d.study_id = s.study_id ORDER BY s.study_id, d.objective");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                    addDirection(directions.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()), rs.getString(2),
                            rs.getString(3));
                }
            }
            Map<Long, Map<String, Object>> user = studyAttrs(c, "study_user_attributes");
            Map<Long, Map<String, Object>> system = studyAttrs(c, "study_system_attributes");
            List<StoredStudy> out = new ArrayList<>();
            names.forEach((id, name) -> out.add(new StoredStudy(id, name, directions.get(id),
                    user.getOrDefault(id, Map.of()), system.getOrDefault(id, Map.of()))));
            return out;
        });
    }

    private static void addDirection(List<StudyDirection> directions, String study, String direction) {
        if (direction == null) {
            return; // a study row whose direction rows another writer has not committed yet: none to read
        }
        try {
            directions.add(StudyDirection.valueOf(direction));
        } catch (IllegalArgumentException e) {
            throw new StorageException("study '" + study + "' has direction " + direction
                    + ", accepted: MINIMIZE, MAXIMIZE", e);
        }
    }

    private static Map<Long, Map<String, Object>> studyAttrs(Connection c, String table) throws SQLException {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        query(c, "SELECT study_id, \"key\", value_json FROM " + table + " ORDER BY study_id, \"key\"", List.of(), rs ->
                out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), UserAttrJson.parse(rs.getString(3))));
        return out;
    }

    @Override
    public synchronized Optional<FrozenTrial> createTrial(long studyId, int maxActive, TrialOwner owner) {
        String token = UserAttrJson.write(UUID.randomUUID().toString());
        boolean[] attempted = {false};
        Started started = transaction(c -> {
            dialect.lockStudy(c, studyId);
            if (attempted[0]) { // a retry: the attempt before may have committed without our hearing of it
                Started earlier = createdWith(c, studyId, token);
                if (earlier != null) {
                    return earlier;
                }
            }
            attempted[0] = true;
            if (maxActive != Integer.MAX_VALUE && countActive(c, studyId) >= maxActive) {
                return null;
            }
            Started s = startWaiting(c, studyId);
            if (s == null) {
                s = insertTrial(c, studyId, TrialState.RUNNING);
            }
            try (PreparedStatement ps = c.prepareStatement(UPSERT_SYSTEM_ATTR)) {
                ps.setLong(1, s.trialId);
                ps.setString(2, CREATION_TOKEN_ATTR);
                ps.setString(3, token);
                ps.executeUpdate();
            }
            if (owner != null) {
                try (PreparedStatement hb = c.prepareStatement(upsertHeartbeatSql(dialect))) {
                    hb.setLong(1, s.trialId);
                    hb.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(UPSERT_SYSTEM_ATTR)) {
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
        // a new trial has nothing else stored yet but its token and owner: no need to read it back; a started
        // WAITING one has attributes
        if (started.wasWaiting) {
            return Optional.of(getTrial(started.trialId));
        }
        Details details = new Details();
        details.systemAttrs.put(CREATION_TOKEN_ATTR, UserAttrJson.parse(token));
        if (owner != null) {
            details.systemAttrs.put(TrialOwner.ATTR, UserAttrJson.parse(owner.toJson()));
        }
        return Optional.of(new TrialRow(started.trialId, started.number, TrialState.RUNNING, started.start, null)
                .toFrozen(details));
    }

    @Override
    public synchronized FrozenTrial enqueueTrial(long studyId, Map<String, String> systemAttrsJson) {
        long id = transaction(c -> {
            dialect.lockStudy(c, studyId);
            long trialId = insertTrial(c, studyId, TrialState.WAITING).trialId;
            upsertSystemAttrs(c, trialId, systemAttrsJson);
            return trialId;
        });
        return getTrial(id);
    }

    /** The trial of this study an earlier, committed attempt created with {@code token}; null when none did. */
    private Started createdWith(Connection c, long studyId, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, t.number, t.datetime_start FROM trials t"
                + " JOIN trial_system_attributes a ON a.trial_id = t.trial_id WHERE t.study_id = ? AND a.\"key\" = ?"
                + " AND a.value_json = ?")) {
            ps.setLong(1, studyId);
            ps.setString(2, CREATION_TOKEN_ATTR);
            ps.setString(3, token);
            try (ResultSet rs = ps.executeQuery()) {
                // read back whole (wasWaiting): it may have been a WAITING trial with attributes
                return rs.next() ? new Started(rs.getLong(1), rs.getInt(2), dialect.readLocalTime(rs, 3), true) : null;
            }
        }
    }

    /** A trial a transaction started: new, or formerly WAITING. */
    private record Started(long trialId, int number, Instant start, boolean wasWaiting) {
    }

    /** Under the study lock: moves the oldest WAITING trial to RUNNING; null when there is none. */
    private Started startWaiting(Connection c, long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = 'RUNNING', datetime_start = "
                + dialect.nowLocal + " WHERE trial_id = (SELECT trial_id FROM trials WHERE study_id = ?"
                + " AND state = 'WAITING' ORDER BY number, trial_id LIMIT 1) AND state = 'WAITING'"
                + " RETURNING trial_id, number, datetime_start")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Started(rs.getLong(1), rs.getInt(2), dialect.readLocalTime(rs, 3), true) : null;
            }
        }
    }

    /**
     * Under the study lock: inserts a trial whose number is the count of the study's trials (Optuna's rule:
     * the trials with a smaller id), started now unless WAITING.
     */
    private Started insertTrial(Connection c, long studyId, TrialState state) throws SQLException {
        int number;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trials WHERE study_id = ?")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                number = rs.getInt(1);
            }
        }
        String start = state == TrialState.WAITING ? "NULL" : dialect.nowLocal;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trials (number, study_id, state, datetime_start)"
                + " VALUES (?, ?, " + dialect.enumValue(OptunaEnum.TRIAL_STATE) + ", " + start + ")"
                + " RETURNING trial_id, datetime_start")) {
            ps.setInt(1, number);
            ps.setLong(2, studyId);
            ps.setString(3, state.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Started(rs.getLong(1), number, dialect.readLocalTime(rs, 2), false);
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

    private static void upsertSystemAttrs(Connection c, long trialId, Map<String, String> attrsJson)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SYSTEM_ATTR)) {
            for (var e : attrsJson.entrySet()) {
                ps.setLong(1, trialId);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.executeUpdate();
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
        update("INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, intermediate_value_type)"
                + " VALUES (?, ?, ?, " + dialect.enumValue(OptunaEnum.TRIAL_INTERMEDIATE_VALUE_TYPE) + ")"
                + " ON CONFLICT (trial_id, step) DO NOTHING",
                trialId, step, OptunaEnum.storedValue(value), OptunaEnum.typeOf(value));
    }

    @Override
    public synchronized void setTrialUserAttr(long trialId, String key, String valueJson) {
        update("INSERT INTO trial_user_attributes (trial_id, \"key\", value_json) VALUES (?, ?, ?)"
                + " ON CONFLICT (trial_id, \"key\") DO UPDATE SET value_json = excluded.value_json",
                trialId, key, valueJson);
    }

    /** {@inheritDoc} A NaN value is stored as none (Optuna's {@code trial_values} has no NaN). */
    @Override
    public synchronized boolean finishTrial(long trialId, TrialState state, Double value, String failReason) {
        if (!state.isFinished()) {
            throw new IllegalArgumentException("finishTrial needs COMPLETE, PRUNED or FAIL, but got " + state);
        }
        return transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = "
                    + dialect.enumValue(OptunaEnum.TRIAL_STATE) + ", datetime_complete = " + dialect.nowLocal
                    + " WHERE trial_id = ? AND state = 'RUNNING'")) {
                ps.setString(1, state.name());
                ps.setLong(2, trialId);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            if (value != null && !value.isNaN()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_values (trial_id, objective, value,"
                        + " value_type) VALUES (?, 0, ?, " + dialect.enumValue(OptunaEnum.TRIAL_VALUE_TYPE) + ")")) {
                    ps.setLong(1, trialId);
                    bind(ps, 2, OptunaEnum.storedValue(value));
                    ps.setString(3, OptunaEnum.typeOf(value));
                    ps.executeUpdate();
                }
            }
            if (failReason != null) {
                upsertSystemAttrs(c, trialId, Map.of(FAIL_REASON_ATTR, UserAttrJson.write(failReason)));
            }
            return true;
        });
    }

    @Override
    public synchronized void recordHeartbeat(long trialId) {
        update(upsertHeartbeatSql(dialect), trialId);
    }

    @Override
    public TrialLease leaseTrial(long trialId, Duration interval) {
        return new JdbcTrialLease(database::connect, dialect, trialId, interval);
    }

    @Override
    public synchronized List<Long> findStaleTrials(long studyId, Duration grace) {
        return read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.trial_id, CASE WHEN "
                    + dialect.heartbeatOlderThanMillis("h.heartbeat") + " THEN 1 ELSE 0 END, a.value_json, "
                    + dialect.leaseHeldSql("t.trial_id")
                    + " FROM trials t JOIN trial_heartbeats h ON h.trial_id = t.trial_id"
                    + " LEFT JOIN trial_system_attributes a ON a.trial_id = t.trial_id AND a.\"key\" = ?"
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
            try (PreparedStatement ps = c.prepareStatement("UPDATE trials SET state = 'WAITING',"
                    + " datetime_start = NULL, datetime_complete = NULL WHERE trial_id = ? AND state = 'RUNNING'")) {
                ps.setLong(1, trialId);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            for (String table : List.of("trial_params", "trial_intermediate_values", "trial_user_attributes",
                    "trial_heartbeats", "trial_values")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE trial_id = ?")) {
                    ps.setLong(1, trialId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM trial_system_attributes WHERE trial_id = ? AND \"key\" = ?")) {
                ps.setLong(1, trialId);
                ps.setString(2, TrialOwner.ATTR);
                ps.executeUpdate();
            }
            upsertSystemAttrs(c, trialId, systemAttrsJson);
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
            query(c, TrialRow.SELECT + where, args, rs -> rows.add(TrialRow.of(rs, dialect)));
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
                    row = TrialRow.of(rs, dialect);
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

    // ---- details: values, params, intermediate values, attributes ----------------------------------------

    private static final class Details {
        final TreeMap<Integer, Double> values = new TreeMap<>();
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
            query(c, "SELECT trial_id, objective, value, value_type FROM trial_values" + in, chunk, rs ->
                    out.computeIfAbsent(rs.getLong(1), k -> new Details()).values
                            .put(rs.getInt(2), OptunaEnum.decode(nullableDouble(rs, 3), rs.getString(4))));
            query(c, "SELECT trial_id, param_name, param_value, distribution_json FROM trial_params" + in
                    + " ORDER BY trial_id, param_id", chunk, rs -> {
                    Details d = out.computeIfAbsent(rs.getLong(1), k -> new Details());
                    String name = rs.getString(2);
                    d.params.put(name, rs.getDouble(3));
                    d.dists.put(name, parsed.computeIfAbsent(rs.getString(4), DistributionJson::fromJson));
                });
            query(c, "SELECT trial_id, step, intermediate_value, intermediate_value_type FROM trial_intermediate_values"
                    + in, chunk, rs -> out.computeIfAbsent(rs.getLong(1), k -> new Details()).intermediate
                            .put(rs.getInt(2), OptunaEnum.decode(nullableDouble(rs, 3), rs.getString(4))));
            query(c, "SELECT trial_id, \"key\", value_json FROM trial_user_attributes" + in, chunk, rs ->
                    out.computeIfAbsent(rs.getLong(1), k -> new Details()).attrs
                            .put(rs.getString(2), UserAttrJson.parse(rs.getString(3))));
            query(c, "SELECT trial_id, \"key\", value_json FROM trial_system_attributes" + in, chunk, rs ->
                    out.computeIfAbsent(rs.getLong(1), k -> new Details()).systemAttrs
                            .put(rs.getString(2), UserAttrJson.parse(rs.getString(3))));
        }
        return out;
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
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

    private record TrialRow(long trialId, int number, TrialState state, Instant start, Instant end) {
        static final String SELECT = "SELECT trial_id, number, state, datetime_start, datetime_complete FROM trials";

        static TrialRow of(ResultSet rs, SqlDialect dialect) throws SQLException {
            return new TrialRow(rs.getLong(1), rs.getInt(2), TrialState.valueOf(rs.getString(3)),
                    dialect.readLocalTime(rs, 4), dialect.readLocalTime(rs, 5));
        }

        FrozenTrial toFrozen(Details d) {
            Map<String, Object> system = new LinkedHashMap<>(d.systemAttrs);
            String failReason = system.get(FAIL_REASON_ATTR) instanceof String s ? s : null;
            if (failReason != null) {
                system.remove(FAIL_REASON_ATTR);
            }
            List<Double> values = List.copyOf(d.values.values());
            return new FrozenTrial(trialId, number, state, values.size() == 1 ? values.get(0) : null, d.params,
                    d.dists, d.intermediate, d.attrs, failReason, start, end, system, values);
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

    /**
     * Runs a write transaction (IMMEDIATE on SQLite), retrying lock and serialisation errors. The error that
     * ended a transaction is the one reported: when SQLite has already rolled the transaction back itself (it
     * does on a full disk), the rollback and the return to autocommit fail too ("cannot commit - no transaction
     * is active"); those failures are only attached to it, and the connection, whose state is then unknown, is
     * replaced.
     */
    private <T> T transaction(SqlWork<T> work) {
        return withRetry(() -> {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                    connection.setAutoCommit(true);
                } catch (SQLException cleanup) {
                    e.addSuppressed(cleanup);
                    reconnect(cleanup);
                }
                throw e;
            }
            connection.setAutoCommit(true);
            return result;
        });
    }

    /** One autocommitted statement; returns the update count. */
    private int update(String sql, Object... args) {
        return withRetry(() -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    bind(ps, i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, int index, Object a) throws SQLException {
        if (a == null) {
            ps.setNull(index, Types.DOUBLE);
        } else if (a instanceof Double d) {
            ps.setDouble(index, d);
        } else if (a instanceof Long l) {
            ps.setLong(index, l);
        } else if (a instanceof Integer n) {
            ps.setInt(index, n);
        } else {
            ps.setString(index, a.toString());
        }
    }

    private interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * Replaces a broken connection (database restart, network cut). Every operation is one transaction, so a
     * retry repeats it whole. Each is idempotent: creating a trial carries a token ({@link #CREATION_TOKEN_ATTR})
     * by which a retry finds a trial its lost attempt committed; finishing one changes only a RUNNING trial.
     */
    private void reconnect(SQLException cause) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the old connection is gone anyway
        }
        try {
            connection = connections.open();
        } catch (SQLException e) {
            e.addSuppressed(cause);
            // keep the broken connection; the next attempt fails again and retries or gives up
        }
    }

    /** How long a lost connection is retried (a database restart, a failover, a cut network) before giving up. */
    static final Duration RECONNECT_FOR = Duration.ofSeconds(60);

    /**
     * Whether an error means the connection is gone: SQLState class 08 (connection exception; the driver's
     * socket timeout is one) or the server's own shutdown of the session (57P01 admin shutdown, 57P02 crash
     * shutdown, 57P03 cannot connect now: a restarting server).
     */
    static boolean lostConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    private <T> T withRetry(Attempt<T> attempt) {
        long giveUpAt = 0;
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                boolean lost = lostConnection(e);
                if (lost && giveUpAt == 0) {
                    giveUpAt = System.nanoTime() + RECONNECT_FOR.toNanos();
                }
                boolean retry = lost ? System.nanoTime() < giveUpAt : i < MAX_ATTEMPTS && dialect.retryable(e);
                if (!retry) {
                    throw new StorageException("storage operation failed: " + e.getMessage()
                            + (lost ? " (connection lost; retried for " + RECONNECT_FOR.toSeconds() + " s)" : ""), e);
                }
                if (lost) {
                    reconnect(e);
                }
                try {
                    Thread.sleep(lost ? ThreadLocalRandom.current().nextLong(200, 1000)
                            : ThreadLocalRandom.current().nextLong(20, 200));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while retrying a storage operation", e);
                }
            }
        }
    }
}
