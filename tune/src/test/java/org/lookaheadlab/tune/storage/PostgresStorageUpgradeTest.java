package org.lookaheadlab.tune.storage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** {@link StorageUpgradeConformance} on PostgreSQL, each database a schema of its own. */
class PostgresStorageUpgradeTest extends StorageUpgradeConformance {

    private final List<String> schemas = new ArrayList<>();

    @Override
    protected String schemaV1Storage() throws Exception {
        String schema = PostgresTestSupport.createSchema();
        schemas.add(schema);
        String url = PostgresTestSupport.url(schema);
        SchemaV1Fixture.writePostgres(url, scratch);
        return url;
    }

    @AfterEach
    void dropSchemas() throws Exception {
        for (String s : schemas) {
            PostgresTestSupport.dropSchema(s);
        }
    }
}
