package org.lookaheadlab.tune.storage;

/** {@link StorageUpgradeConformance} on an SQLite file. */
class SqliteStorageUpgradeTest extends StorageUpgradeConformance {

    private int files;

    @Override
    protected String schemaV1Storage() throws Exception {
        java.nio.file.Path file = scratch.resolve("v1-" + files++ + ".db");
        SchemaV1Fixture.writeSqlite(file);
        return "sqlite:" + file;
    }
}
