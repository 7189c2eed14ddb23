package org.lookaheadlab.tune.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** Trial leases on SQLite: the owner process decides. */
class SqliteLeaseTest extends DatabaseLeaseConformance {

    @TempDir
    static Path dir;

    @Override
    protected Storage openStorage() {
        return Storages.open("sqlite:" + dir.resolve("leases.db"));
    }

    @Override
    protected SqlDialect dialect() {
        return SqlDialect.SQLITE;
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("leases.db"));
    }
}
