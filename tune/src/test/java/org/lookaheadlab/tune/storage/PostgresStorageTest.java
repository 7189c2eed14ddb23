package org.lookaheadlab.tune.storage;

/** The storage contract for PostgreSQL (needs LOOKAHEAD_TEST_PG_URL; see .ci/postgres.sh). */
class PostgresStorageTest extends StorageConformanceTest {

    @Override
    protected Storage openStorage() {
        return Storages.open(PostgresTestSupport.url());
    }
}
