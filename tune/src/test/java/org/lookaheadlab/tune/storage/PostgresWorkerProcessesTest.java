package org.lookaheadlab.tune.storage;

/** Worker processes on one PostgreSQL database (needs LOOKAHEAD_TEST_PG_URL; see .ci/postgres.sh). */
class PostgresWorkerProcessesTest extends WorkerProcessesConformance {

    @Override
    protected String storageUrl() {
        return PostgresTestSupport.url();
    }
}
