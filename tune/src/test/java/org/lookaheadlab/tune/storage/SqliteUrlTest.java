package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sqlite:PATH} and {@code jdbc:sqlite:PATH}: paths SQLite cannot use are refused with one line. */
class SqliteUrlTest {

    @TempDir
    Path dir;

    private static String refusal(String url) {
        return PostgresUrlTest.refusal(url, null);
    }

    @Test
    void anEmptyPathIsRefused() {
        assertEquals("storage URL 'sqlite:': the database file path is empty, accepted: sqlite:PATH",
                refusal("sqlite:"));
        assertEquals("storage URL 'sqlite:///': '/' is a folder, accepted: a database file (created if missing)",
                refusal("sqlite:///"));
        assertEquals("storage URL 'jdbc:sqlite:': the database path is empty (SQLite would open a throw-away "
                + "in-memory database; use 'memory' for one)", refusal("jdbc:sqlite:"));
    }

    @Test
    void aFolderIsRefusedAndNotTurnedIntoADatabase() {
        assertEquals("storage URL 'sqlite:" + dir + "': '" + dir + "' is a folder, accepted: a database file "
                + "(created if missing)", refusal("sqlite:" + dir));
    }

    @Test
    void aMissingParentFolderIsRefusedAndNotCreated() {
        Path file = dir.resolve("no/such/studies.db");
        assertEquals("storage URL 'sqlite:" + file + "': folder '" + file.getParent() + "' does not exist (it is "
                + "not created: make it first)", refusal("sqlite:" + file));
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void aParentThatIsAFileIsRefused() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "x");
        assertEquals("storage URL 'sqlite:" + notAFolder + "/s.db': '" + notAFolder + "' is not a folder",
                refusal("sqlite:" + notAFolder + "/s.db"));
    }

    @Test
    void aQuestionMarkIsRefusedBecauseSqliteWouldReadOptions() {
        assertTrue(refusal("sqlite:" + dir.resolve("s.db?journal_mode=off")).endsWith(
                "the path contains '?', which SQLite reads as the start of connection options, accepted: a file path "
                        + "without '?'"));
    }

    @Test
    void aRelativePathIsNamedAbsoluteAndAGoodPathOpens() throws Exception {
        assertTrue(refusal("sqlite:no-such-folder-here/s.db").contains(
                "folder '" + Path.of("no-such-folder-here").toAbsolutePath() + "' does not exist"));
        try (Storage s = Storages.open("sqlite:" + dir.resolve("ok.db"))) {
            assertTrue(Files.exists(dir.resolve("ok.db")));
        }
    }
}
