package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL URL for tests, from env LOOKAHEAD_TEST_PG_URL (set by {@code source .ci/postgres.sh}). When it
 * is missing the test fails under CI=true and is skipped with a message otherwise.
 */
final class PostgresTestSupport {

    static final String ENV = "LOOKAHEAD_TEST_PG_URL";

    private PostgresTestSupport() {
    }

    static String url() {
        String url = System.getenv(ENV);
        boolean missing = url == null || url.isBlank();
        if (missing && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(ENV + " is not set but CI=true: run `source .ci/postgres.sh` before `mvn test`");
        }
        Assumptions.assumeFalse(missing, ENV + " is not set; PostgreSQL tests skipped (source .ci/postgres.sh to run them)");
        return url;
    }
}
