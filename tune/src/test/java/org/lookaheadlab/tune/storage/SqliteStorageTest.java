package org.lookaheadlab.tune.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract for SQLite ({@code sqlite:PATH}). */
class SqliteStorageTest extends StorageConformanceTest {

    @TempDir
    static Path dir;

    @Override
    protected Storage openStorage() {
        return Storages.open("sqlite:" + dir.resolve("conformance.db"));
    }
}
