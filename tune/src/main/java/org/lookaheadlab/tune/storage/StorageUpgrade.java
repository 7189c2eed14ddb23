package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.tune.distributions.DistributionJson;

/**
 * Converts a database in Lookahead Lab's old schema (version 1: {@code studies.direction}, {@code trials.value}
 * and {@code fail_reason}, epoch-millisecond times) to Optuna's schema ({@link OptunaSchema}), in one
 * transaction, without loss: every study keeps its id, name and direction; every trial its id, number, state,
 * value, times, parameters (distribution JSON rewritten in Optuna's form), intermediate values (NULL, the old
 * NaN, becomes Optuna's NaN type), user and system attributes, fail reason ({@code fail_reason} system attribute)
 * and heartbeat. A database already in Optuna's schema is left as it is.
 */
public final class StorageUpgrade {

    /** Old tables, children first (the order they are dropped in). */
    private static final List<String> OLD_TABLES = List.of("trial_heartbeats", "trial_system_attributes",
            "trial_user_attributes", "trial_intermediate_values", "trial_params", "trials", "studies", "version_info");

    /** Tables whose id the copy sets explicitly (their id generators are moved past it). */
    private static final Map<String, String> EXPLICIT_IDS = Map.of("studies", "study_id", "trials", "trial_id");

    /**
     * What an upgrade did.
     *
     * @param changed false when the database was already in Optuna's schema
     * @param studies studies copied
     * @param trials  trials copied
     * @param message one line for the user
     */
    public record Result(boolean changed, int studies, int trials, String message) {
    }

    private StorageUpgrade() {
    }

    /**
     * Upgrades the database of a {@code sqlite:} or {@code postgresql://} storage URL.
     *
     * @throws IllegalArgumentException when the URL is malformed or names no database (or an SQLite file that
     *                                  does not exist)
     * @throws StorageException         when the database cannot be opened or holds a schema this cannot convert
     */
    public static Result upgrade(String url) {
        JdbcDatabase db = Storages.database(url, true);
        SqlDialect d = db.dialect();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                d.lockSchema(c);
                Result result = switch (OptunaSchema.detect(c, d)) {
                    case OPTUNA -> new Result(false, 0, 0, "storage '" + db.displayUrl() + "' is already in Optuna's"
                            + " schema (alembic " + OptunaSchema.ALEMBIC_REVISION + "): nothing to do");
                    case EMPTY -> new Result(false, 0, 0, "storage '" + db.displayUrl() + "' holds no studies:"
                            + " nothing to upgrade (it gets Optuna's schema when first opened)");
                    case LOOKAHEAD_V1 -> migrate(c, d, db.displayUrl());
                    case OTHER -> throw new StorageException(OptunaSchema.describeOther(c, d, db.displayUrl()), null);
                };
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("upgrading storage '" + db.displayUrl() + "' failed (nothing was changed): "
                    + e.getMessage(), e);
        }
    }

    private record OldTrial(long id, int number, long studyId, String state, Double value, String failReason,
                            Long start, Long end) {
    }

    private static Result migrate(Connection c, SqlDialect d, String url) throws SQLException {
        List<Object[]> studies = rows(c, "SELECT study_id, study_name, direction FROM studies ORDER BY study_id", 3);
        List<OldTrial> trials = new ArrayList<>();
        for (Object[] r : rows(c, "SELECT trial_id, number, study_id, state, value, fail_reason, datetime_start,"
                + " datetime_complete FROM trials ORDER BY trial_id", 8)) {
            trials.add(new OldTrial(number(r[0]).longValue(), number(r[1]).intValue(), number(r[2]).longValue(),
                    (String) r[3], r[4] == null ? null : number(r[4]).doubleValue(), (String) r[5],
                    r[6] == null ? null : number(r[6]).longValue(), r[7] == null ? null : number(r[7]).longValue()));
        }
        List<Object[]> params = rows(c, "SELECT trial_id, param_name, param_value, distribution_json FROM trial_params"
                + " ORDER BY trial_id, param_name", 4);
        List<Object[]> intermediate = rows(c, "SELECT trial_id, step, intermediate_value FROM trial_intermediate_values"
                + " ORDER BY trial_id, step", 3);
        List<Object[]> userAttrs = rows(c, "SELECT trial_id, attr_key, value_json FROM trial_user_attributes"
                + " ORDER BY trial_id, attr_key", 3);
        // the first release had no system attributes
        List<Object[]> systemAttrs = d.tableExists(c, "trial_system_attributes") ? rows(c, "SELECT trial_id,"
                + " attr_key, value_json FROM trial_system_attributes ORDER BY trial_id, attr_key", 3) : List.of();
        List<Object[]> heartbeats = rows(c, "SELECT trial_id, heartbeat FROM trial_heartbeats ORDER BY trial_id", 2);

        try (Statement s = c.createStatement()) {
            for (String table : OLD_TABLES) {
                if (d.tableExists(c, table)) {
                    s.execute("DROP TABLE " + table);
                }
            }
        }
        OptunaSchema.create(c, d);

        try (PreparedStatement study = c.prepareStatement("INSERT INTO studies (study_id, study_name) VALUES (?, ?)");
                PreparedStatement direction = c.prepareStatement("INSERT INTO study_directions (direction, study_id,"
                        + " objective) VALUES (" + d.enumValue(OptunaEnum.STUDY_DIRECTION) + ", ?, 0)")) {
            for (Object[] r : studies) {
                study.setLong(1, number(r[0]).longValue());
                study.setString(2, (String) r[1]);
                study.executeUpdate();
                direction.setString(1, (String) r[2]);
                direction.setLong(2, number(r[0]).longValue());
                direction.executeUpdate();
            }
        }
        List<Object[]> failReasons = new ArrayList<>();
        try (PreparedStatement trial = c.prepareStatement("INSERT INTO trials (trial_id, number, study_id, state,"
                + " datetime_start, datetime_complete) VALUES (?, ?, ?, " + d.enumValue(OptunaEnum.TRIAL_STATE) + ", ?, ?)");
                PreparedStatement value = c.prepareStatement("INSERT INTO trial_values (trial_id, objective, value,"
                        + " value_type) VALUES (?, 0, ?, " + d.enumValue(OptunaEnum.TRIAL_VALUE_TYPE) + ")")) {
            for (OldTrial t : trials) {
                trial.setLong(1, t.id);
                trial.setInt(2, t.number);
                trial.setLong(3, t.studyId);
                trial.setString(4, t.state);
                bindTime(d, trial, 5, t.start);
                bindTime(d, trial, 6, t.end);
                trial.addBatch();
                if (t.value != null && !t.value.isNaN()) {
                    value.setLong(1, t.id);
                    setNullableDouble(value, 2, OptunaEnum.storedValue(t.value));
                    value.setString(3, OptunaEnum.typeOf(t.value));
                    value.addBatch();
                }
                if (t.failReason != null) {
                    failReasons.add(new Object[] {t.id, JdbcStorage.FAIL_REASON_ATTR, UserAttrJson.write(t.failReason)});
                }
            }
            trial.executeBatch();
            value.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_params (trial_id, param_name, param_value,"
                + " distribution_json) VALUES (?, ?, ?, ?)")) {
            for (Object[] r : params) {
                ps.setLong(1, number(r[0]).longValue());
                ps.setString(2, (String) r[1]);
                ps.setDouble(3, number(r[2]).doubleValue());
                ps.setString(4, DistributionJson.toJson(DistributionJson.fromJson((String) r[3])));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_intermediate_values (trial_id, step,"
                + " intermediate_value, intermediate_value_type) VALUES (?, ?, ?, "
                + d.enumValue(OptunaEnum.TRIAL_INTERMEDIATE_VALUE_TYPE) + ")")) {
            for (Object[] r : intermediate) {
                double v = r[2] == null ? Double.NaN : number(r[2]).doubleValue(); // schema 1 kept NaN as NULL
                ps.setLong(1, number(r[0]).longValue());
                ps.setInt(2, number(r[1]).intValue());
                setNullableDouble(ps, 3, OptunaEnum.storedValue(v));
                ps.setString(4, OptunaEnum.typeOf(v));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        insertAttrs(c, "trial_user_attributes", userAttrs);
        List<Object[]> allSystem = new ArrayList<>(systemAttrs);
        allSystem.addAll(failReasons);
        insertAttrs(c, "trial_system_attributes", allSystem);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (?, ?)")) {
            for (Object[] r : heartbeats) {
                ps.setLong(1, number(r[0]).longValue());
                d.bindHeartbeat(ps, 2, Instant.ofEpochMilli(number(r[1]).longValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (var e : EXPLICIT_IDS.entrySet()) {
            d.resetIdSequence(c, e.getKey(), e.getValue());
        }
        return new Result(true, studies.size(), trials.size(), "upgraded storage '" + url + "' to Optuna's schema"
                + " (alembic " + OptunaSchema.ALEMBIC_REVISION + "): " + studies.size() + " studies, " + trials.size()
                + " trials");
    }

    private static void insertAttrs(Connection c, String table, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (trial_id, \"key\", value_json)"
                + " VALUES (?, ?, ?)")) {
            for (Object[] r : rows) {
                ps.setLong(1, number(r[0]).longValue());
                ps.setString(2, (String) r[1]);
                ps.setString(3, (String) r[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindTime(SqlDialect d, PreparedStatement ps, int index, Long epochMillis)
            throws SQLException {
        if (epochMillis == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP);
        } else {
            d.bindLocalTime(ps, index, Instant.ofEpochMilli(epochMillis));
        }
    }

    private static void setNullableDouble(PreparedStatement ps, int index, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(index, java.sql.Types.DOUBLE);
        } else {
            ps.setDouble(index, v);
        }
    }

    private static Number number(Object o) {
        return (Number) o;
    }

    private static List<Object[]> rows(Connection c, String sql, int columns) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                out.add(row);
            }
        }
        return out;
    }
}
