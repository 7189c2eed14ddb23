package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The storage contract for PostgreSQL (needs LOOKAHEAD_TEST_PG_URL; see .ci/postgres.sh). */
class PostgresStorageTest extends StorageConformanceTest {

    @Override
    protected Storage openStorage() {
        return Storages.open(PostgresTestSupport.url());
    }

    @Test
    void queryParametersReachTheDriverAsConnectionProperties() {
        try (Storage s = Storages.open(PostgresTestSupport.url() + "?ApplicationName=lookahead%20test&connectTimeout=5")) {
            assertTrue(s.findStudy("no study of this name").isEmpty());
        }
    }

    @Test
    void aWrongPasswordFailsToConnectWithoutBeingShown() {
        PostgresUrl good = PostgresUrl.parse(PostgresTestSupport.url());
        String url = "postgresql://" + good.user() + ":Zq7-wrong%40pw@" + good.host() + ":" + good.port() + "/"
                + good.database();
        StorageException e = assertThrows(StorageException.class, () -> Storages.open(url));
        assertFalse(e.getMessage().contains("Zq7-wrong"), e.getMessage());
        assertTrue(e.getMessage().contains(good.host() + ":" + good.port()), e.getMessage());
    }
}
