package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed {@code --storage} URL is a usage error of {@code tune} and {@code compare}: one line naming the
 * part that is wrong, the password masked, exit code 2, and no connection to a default host.
 */
class StorageUrlFlagTest {

    private static final String BAD_PORT = "postgresql://u:p4ss@127.0.0.1:notaport/db";
    private static final String BAD_PORT_LINE = "storage URL 'postgresql://u:***@127.0.0.1:notaport/db': port "
            + "'notaport' is not a number in 1..65535";

    private static CliRun tune(String storage) {
        return CliRun.run("tune", "--study", "s", "--storage", storage, "--trials", "1", "--epochs", "1",
                "--data", "mnist1d:num-samples=200", "--model", "mlp:8", "--search", "lr=1e-3:1e-1:log");
    }

    private static void assertUsageError(CliRun r, String command, String message) {
        assertEquals(List.of("lookahead " + command + ": error: " + message), r.err());
        assertEquals(2, r.code());
        assertEquals(List.of(), r.out());
    }

    @Test
    void tuneRefusesAMalformedPostgresUrlInsteadOfTryingLocalhost() {
        assertUsageError(tune(BAD_PORT), "tune", BAD_PORT_LINE);
        assertUsageError(tune("postgresql://u:p4ss@/db"), "tune",
                "storage URL 'postgresql://u:***@/db': host is missing (no default host is assumed), accepted form: "
                        + "postgresql://[user[:password]@]host[:port]/database[?name=value&...]");
        assertUsageError(tune("postgresql://db.example/studies?sslmod=require"), "tune",
                "storage URL 'postgresql://db.example/studies?sslmod=require': query parameter 'sslmod' is not a "
                        + "connection property of the PostgreSQL JDBC driver, accepted: its property names, e.g. "
                        + "sslmode, connectTimeout, ApplicationName");
    }

    @Test
    void tuneRefusesASqlitePathItCannotUse(@TempDir Path dir) {
        assertUsageError(tune("sqlite:" + dir), "tune",
                "storage URL 'sqlite:" + dir + "': '" + dir + "' is a folder, accepted: a database file (created if "
                        + "missing)");
        Path missing = dir.resolve("missing/t.db");
        assertUsageError(tune("sqlite:" + missing), "tune", "storage URL 'sqlite:" + missing + "': folder '"
                + missing.getParent() + "' does not exist (it is not created: make it first)");
    }

    @Test
    void compareRefusesAMalformedPostgresUrlAndLeavesNoRunFolder(@TempDir Path dir) {
        Path runDir = dir.resolve("never");
        CliRun r = CliRun.run("compare", "--contender", "adam=adam", "--data", "mnist1d:num-samples=200",
                "--trials", "1", "--epochs", "1", "--seeds", "1", "--storage", BAD_PORT, "--out", runDir.toString(),
                "--quiet");
        assertUsageError(r, "compare", BAD_PORT_LINE);
        assertFalse(Files.exists(runDir));
    }
}
