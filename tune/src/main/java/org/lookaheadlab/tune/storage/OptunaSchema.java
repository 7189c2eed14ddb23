package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optuna's RDB schema as Optuna 5.0 creates it ({@code version_info.schema_version} 12, alembic revision
 * {@code v3.2.0.a}): the DDL SQLAlchemy emits for Optuna's models, statement for statement (on SQLite the
 * {@code sqlite_master} text is identical to a file Optuna created; on PostgreSQL the catalog is), and the check
 * of what an existing database holds.
 */
final class OptunaSchema {

    /** {@code version_info.schema_version} of Optuna's current models. */
    static final int SCHEMA_VERSION = 12;
    /** The alembic revision Optuna 3.2 to 5.0 stamp and require. */
    static final String ALEMBIC_REVISION = "v3.2.0.a";
    /** {@code version_info.library_version}: the Optuna release whose schema this is. */
    static final String LIBRARY_VERSION = "5.0.0";

    /** What a database holds before it is opened. */
    enum Layout {
        /** No tables of ours or Optuna's: a new storage. */
        EMPTY,
        /** Optuna's schema at {@link #ALEMBIC_REVISION}. */
        OPTUNA,
        /** Lookahead Lab's own schema 1 (before it spoke Optuna's): {@code ./lookahead storage upgrade}. */
        LOOKAHEAD_V1,
        /** Anything else (another alembic revision, a foreign table named like ours). */
        OTHER
    }

    private OptunaSchema() {
    }

    /** The tables in the order Optuna creates them, each with its CREATE TABLE and CREATE INDEX statements. */
    static Map<String, List<String>> ddl(SqlDialect d) {
        String serial = d.serialColumn;
        String fk = "FOREIGN KEY(trial_id) REFERENCES trials (trial_id)";
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("studies", List.of(table("studies", "study_id " + serial + " NOT NULL",
                "study_name VARCHAR(512) NOT NULL", "PRIMARY KEY (study_id)"),
                "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)"));
        t.put("version_info", List.of(table("version_info", "version_info_id INTEGER NOT NULL",
                "schema_version INTEGER", "library_version VARCHAR(256)", "PRIMARY KEY (version_info_id)",
                "CHECK (version_info_id=1)")));
        t.put("study_directions", List.of(table("study_directions", "study_direction_id " + serial + " NOT NULL",
                "direction " + d.enumColumn(OptunaEnum.STUDY_DIRECTION) + " NOT NULL", "study_id INTEGER NOT NULL",
                "objective INTEGER NOT NULL", "PRIMARY KEY (study_direction_id)", "UNIQUE (study_id, objective)",
                "FOREIGN KEY(study_id) REFERENCES studies (study_id)")));
        for (String kind : List.of("user", "system")) {
            String name = "study_" + kind + "_attributes";
            t.put(name, List.of(table(name, "study_" + kind + "_attribute_id " + serial + " NOT NULL",
                    "study_id INTEGER", "\"key\" VARCHAR(512)", "value_json TEXT",
                    "PRIMARY KEY (study_" + kind + "_attribute_id)", "UNIQUE (study_id, \"key\")",
                    "FOREIGN KEY(study_id) REFERENCES studies (study_id)")));
        }
        t.put("trials", List.of(table("trials", "trial_id " + serial + " NOT NULL", "number INTEGER",
                "study_id INTEGER", "state " + d.enumColumn(OptunaEnum.TRIAL_STATE) + " NOT NULL",
                "datetime_start " + d.dateTimeColumn, "datetime_complete " + d.dateTimeColumn,
                "PRIMARY KEY (trial_id)", "FOREIGN KEY(study_id) REFERENCES studies (study_id)"),
                "CREATE INDEX ix_trials_study_id ON trials (study_id)"));
        for (String kind : List.of("user", "system")) {
            String name = "trial_" + kind + "_attributes";
            t.put(name, List.of(table(name, "trial_" + kind + "_attribute_id " + serial + " NOT NULL",
                    "trial_id INTEGER", "\"key\" VARCHAR(512)", "value_json TEXT",
                    "PRIMARY KEY (trial_" + kind + "_attribute_id)", "UNIQUE (trial_id, \"key\")", fk)));
        }
        t.put("trial_params", List.of(table("trial_params", "param_id " + serial + " NOT NULL", "trial_id INTEGER",
                "param_name VARCHAR(512)", "param_value " + d.floatColumn, "distribution_json TEXT",
                "PRIMARY KEY (param_id)", "UNIQUE (trial_id, param_name)", fk)));
        t.put("trial_values", List.of(table("trial_values", "trial_value_id " + serial + " NOT NULL",
                "trial_id INTEGER NOT NULL", "objective INTEGER NOT NULL", "value " + d.floatColumn,
                "value_type " + d.enumColumn(OptunaEnum.TRIAL_VALUE_TYPE) + " NOT NULL",
                "PRIMARY KEY (trial_value_id)", "UNIQUE (trial_id, objective)", fk)));
        t.put("trial_intermediate_values", List.of(table("trial_intermediate_values",
                "trial_intermediate_value_id " + serial + " NOT NULL", "trial_id INTEGER NOT NULL",
                "step INTEGER NOT NULL", "intermediate_value " + d.floatColumn,
                "intermediate_value_type " + d.enumColumn(OptunaEnum.TRIAL_INTERMEDIATE_VALUE_TYPE) + " NOT NULL",
                "PRIMARY KEY (trial_intermediate_value_id)", "UNIQUE (trial_id, step)", fk)));
        t.put("trial_heartbeats", List.of(table("trial_heartbeats", "trial_heartbeat_id " + serial + " NOT NULL",
                "trial_id INTEGER NOT NULL", "heartbeat " + d.dateTimeColumn + " NOT NULL",
                "PRIMARY KEY (trial_heartbeat_id)", "UNIQUE (trial_id)", fk)));
        t.put("alembic_version", List.of(table("alembic_version", "version_num VARCHAR(32) NOT NULL",
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)")));
        return t;
    }

    /** SQLAlchemy's layout of a CREATE TABLE statement. */
    private static String table(String name, String... items) {
        return "CREATE TABLE " + name + " (\n\t" + String.join(", \n\t", items) + "\n)";
    }

    /** What the database holds (inside the schema lock). */
    static Layout detect(Connection c, SqlDialect d) throws SQLException {
        if (d.tableExists(c, "alembic_version")) {
            return ALEMBIC_REVISION.equals(alembicRevision(c)) ? Layout.OPTUNA : Layout.OTHER;
        }
        if (d.tableExists(c, "version_info") && !d.tableExists(c, "study_directions")) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT schema_version FROM version_info WHERE version_info_id = 1")) {
                return rs.next() && rs.getInt(1) == 1 ? Layout.LOOKAHEAD_V1 : Layout.OTHER;
            }
        }
        for (String table : ddl(d).keySet()) {
            if (d.tableExists(c, table)) {
                return Layout.OTHER;
            }
        }
        return Layout.EMPTY;
    }

    /**
     * Makes the database ready to use (inside a transaction that holds the schema lock): creates Optuna's schema
     * in an empty database, and in one at Optuna's revision the tables that are missing (as Optuna's
     * {@code create_all} does). Anything else is refused with one line; an old Lookahead Lab database names the
     * upgrade command.
     *
     * @param url the storage URL as the user gave it (password masked), for messages
     */
    static void ensure(Connection c, SqlDialect d, String url) throws SQLException {
        Layout layout = detect(c, d);
        switch (layout) {
            case EMPTY, OPTUNA -> create(c, d);
            case LOOKAHEAD_V1 -> throw new StorageException("storage '" + url + "' is in Lookahead Lab's old schema"
                    + " (version 1), which this version no longer reads (it reads and writes Optuna's schema):"
                    + " convert it without loss with: ./lookahead storage upgrade " + url, null);
            default -> throw new StorageException(describeOther(c, d, url), null);
        }
    }

    /** Creates the missing tables (and, on PostgreSQL, enum types) and the version rows. */
    static void create(Connection c, SqlDialect d) throws SQLException {
        for (OptunaEnum type : OptunaEnum.values()) {
            d.createEnumType(c, type);
        }
        try (Statement s = c.createStatement()) {
            for (var table : ddl(d).entrySet()) {
                if (!d.tableExists(c, table.getKey())) {
                    for (String sql : table.getValue()) {
                        s.execute(sql);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM version_info WHERE version_info_id = 1")) {
                if (!rs.next()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, ?, ?)")) {
                        ps.setInt(1, SCHEMA_VERSION);
                        ps.setString(2, LIBRARY_VERSION);
                        ps.executeUpdate();
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM alembic_version")) {
                if (!rs.next()) {
                    s.execute("INSERT INTO alembic_version (version_num) VALUES ('" + ALEMBIC_REVISION + "')");
                }
            }
        }
    }

    private static String alembicRevision(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version_num FROM alembic_version")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String describeOther(Connection c, SqlDialect d, String url) throws SQLException {
        if (d.tableExists(c, "alembic_version")) {
            return "storage '" + url + "' has Optuna's schema at alembic revision '" + alembicRevision(c)
                    + "', but this version reads revision " + ALEMBIC_REVISION + " (Optuna 3.2 to 5.0) only;"
                    + " an older Optuna database is brought there by Optuna's own: optuna storage upgrade --storage URL";
        }
        return "storage '" + url + "' holds tables that are neither Optuna's schema nor Lookahead Lab's (no"
                + " alembic_version table): refusing to use it";
    }
}
