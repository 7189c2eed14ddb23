package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Optuna's schema on PostgreSQL: what we create, and Optuna's rows read back. Each test has a schema of its own. */
class PostgresOptunaSchemaTest {

    private static final String RESOURCES = "/org/lookaheadlab/tune/storage/optuna/";

    @TempDir
    Path dir;

    private String schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresTestSupport.createSchema();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        PostgresTestSupport.dropSchema(schema);
    }

    @Test
    void aNewDatabaseHasExactlyTheCatalogOptunaCreates() throws SQLException {
        String url = PostgresTestSupport.url(schema);
        Storages.open(url).close();
        List<String> ours = new ArrayList<>();
        try (Connection c = Storages.database(url).connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(resource("postgresql-catalog.sql"))) {
            while (rs.next()) {
                ours.add(rs.getString(1));
            }
        }
        List<String> optunas = resource("optuna-5.0-postgresql-catalog.txt").lines()
                .filter(l -> !l.startsWith("#")).toList();
        assertEquals(String.join("\n", optunas), String.join("\n", ours));
    }

    @Test
    void rowsOptunaWroteReadAsOptunaReadsThem() throws SQLException {
        String url = PostgresTestSupport.url(schema);
        Storages.open(url).close();
        Path reference = OptunaReference.copyDatabase(dir);
        // untyped string parameters: PostgreSQL casts SQLite's enum names and datetime text to the column types
        try (Connection pg = Storages.database(url + "&stringtype=unspecified").connect();
                Connection src = DriverManager.getConnection("jdbc:sqlite:" + reference)) {
            for (String table : List.of("studies", "study_directions", "study_user_attributes",
                    "study_system_attributes", "trials", "trial_user_attributes", "trial_system_attributes",
                    "trial_params", "trial_values", "trial_intermediate_values", "trial_heartbeats")) {
                TestDatabases.copyTable(src, pg, table);
            }
            SqlDialect.POSTGRESQL.resetIdSequence(pg, "studies", "study_id");
            SqlDialect.POSTGRESQL.resetIdSequence(pg, "trials", "trial_id");
        }
        try (Storage st = Storages.open(url)) {
            OptunaReference.assertHoldsTheReference(st);
        }
    }

    private static String resource(String name) {
        return TestDatabases.resource(RESOURCES + name);
    }
}
