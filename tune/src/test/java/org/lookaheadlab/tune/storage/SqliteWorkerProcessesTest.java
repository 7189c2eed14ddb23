package org.lookaheadlab.tune.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Worker processes on one SQLite file. */
class SqliteWorkerProcessesTest extends WorkerProcessesConformance {

    @TempDir
    Path dbDir;

    @Override
    protected String storageUrl() {
        return sqliteUrl(dbDir);
    }
}
