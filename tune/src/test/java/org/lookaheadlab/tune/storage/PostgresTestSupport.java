package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL URL for tests, from env LOOKAHEAD_TEST_PG_URL (set by {@code source .ci/postgres.sh}). When it
 * is missing the test fails under CI=true and is skipped with a message otherwise. A test database that earlier
 * builds left in Lookahead Lab's old schema is upgraded to Optuna's on first use.
 */
final class PostgresTestSupport {

    static final String ENV = "LOOKAHEAD_TEST_PG_URL";

    private static boolean upgraded;

    private PostgresTestSupport() {
    }

    static synchronized String url() {
        String url = System.getenv(ENV);
        boolean missing = url == null || url.isBlank();
        if (missing && ("true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("LOOKAHEAD_REQUIRE_ALL_TESTS")))) {
            fail(ENV + " is not set but CI=true: run `source .ci/postgres.sh` before `mvn test`");
        }
        Assumptions.assumeFalse(missing, ENV + " is not set; PostgreSQL tests skipped (source .ci/postgres.sh to run them)");
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
