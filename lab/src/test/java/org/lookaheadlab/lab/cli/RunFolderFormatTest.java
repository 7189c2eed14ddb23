package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder of an earlier version is refused in one line; a new one records its format. */
class RunFolderFormatTest {

    @Test
    void aFreshFolderRecordsTheCurrentFormatAndIsAcceptedAgain(@TempDir Path dir) throws Exception {
        RunFolderFormat.checkAndRecord(dir);
        assertEquals(String.valueOf(RunFolderFormat.CURRENT), Files.readString(dir.resolve(RunFolderFormat.FILE)).strip());
        Files.createDirectories(dir.resolve("verdict-runs"));
        RunFolderFormat.checkAndRecord(dir); // its own files are no reason to refuse it
    }

    @Test
    void aFolderOfAnEarlierVersionIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("verdict-runs"));
        Files.writeString(dir.resolve("studies.db"), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunFolderFormat.checkAndRecord(dir));
        assertTrue(e.getMessage().contains("earlier Lookahead Lab version") && e.getMessage().contains("new --out"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        assertTrue(Files.notExists(dir.resolve(RunFolderFormat.FILE)), "nothing is written into a refused folder");
    }

    @Test
    void compareRefusesAnOldFolderAndLeavesItAsItWas(@TempDir Path dir) throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(old.resolve("verdict-runs"));
        CliRun o = CliRun.run("compare", "--contender", "a=adam", "--data",
                "mnist1d:num-samples=200", "--trials", "1", "--epochs", "1", "--seeds", "1", "--out", old.toString(),
                "--quiet");
        assertEquals(2, o.code(), o.errText());
        assertEquals(1, o.err().size(), o.errText());
        assertTrue(o.errText().contains("earlier Lookahead Lab version"), o.errText());
        assertTrue(Files.notExists(old.resolve("studies.db")), "no study was started");
    }
}
