package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.lookaheadlab.testkit.RequiredTests;

/**
 * The PostgreSQL URL for tests, from env LOOKAHEAD_TEST_PG_URL (set by {@code source .ci/postgres.sh}). When it
 * is missing: {@link RequiredTests#missing} (fails under ./run-tests and CI). A test database that earlier
 * builds left in Lookahead Lab's old schema is upgraded to Optuna's on first use.
 */
final class PostgresTestSupport {

    static final String ENV = "LOOKAHEAD_TEST_PG_URL";

    private static boolean upgraded;

    private PostgresTestSupport() {
    }

    static synchronized String url() {
        String url = RequiredTests.env(ENV, "run `source .ci/postgres.sh` before `mvn test`");
        if (!upgraded) {
            StorageUpgrade.upgrade(url); // a no-op unless the database is in the old schema
            upgraded = true;
        }
        return url;
    }

    /** A new, empty schema of the test database; {@link #url(String)} opens it. */
    static String createSchema() throws SQLException {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = Storages.database(url()).connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return schema;
    }

    /** The storage URL of a schema made by {@link #createSchema()}. */
    static String url(String schema) {
        return url() + "?currentSchema=" + schema;
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection c = Storages.database(url()).connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
