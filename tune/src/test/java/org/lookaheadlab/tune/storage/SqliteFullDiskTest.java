package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

/**
 * An SQLite study whose disk is full. SQLite then rolls the failing transaction back by itself, so the storage's
 * own rollback and its return to autocommit failed too, and the soak (issue 15) saw workers stop with
 * "cannot commit - no transaction is active" instead of the real cause. A full database is made here with
 * {@code PRAGMA max_page_count} (SQLite's own limit: the same SQLITE_FULL as a full disk, without needing one).
 */
class SqliteFullDiskTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsReportedAsSuchNothingWrittenIsDamagedAndWritingGoesOnOnceThereIsRoom() throws Exception {
        Path file = dir.resolve("full.db");
        long studyId;
        try (Storage s = Storages.open("sqlite:" + file)) {
            studyId = s.createStudy("full", StudyDirection.MINIMIZE).studyId();
            FrozenTrial t = s.createTrial(studyId, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow();
            assertTrue(s.finishTrial(t.trialId(), TrialState.COMPLETE, 0.5, null));
        }
        int pages = pageCount(file);
        try (Storage s = Storages.open("jdbc:sqlite:" + file + "?max_page_count=" + (pages + 1))) {
            StorageException e = assertThrows(StorageException.class, () -> {
                for (int i = 0; i < 10_000; i++) {
                    s.createTrial(studyId, Integer.MAX_VALUE, TrialOwner.current()); // a write transaction
                }
            });
            assertTrue(e.getMessage().contains("SQLITE_FULL") && e.getMessage().contains("disk is full"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("no transaction is active"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            // the same storage goes on: reads work and the failed transaction left nothing half-done
            List<FrozenTrial> trials = s.getAllTrials(studyId);
            assertEquals(0.5, trials.get(0).value());
            for (int i = 0; i < trials.size(); i++) {
                assertEquals(i, trials.get(i).number(), "numbers 0..n-1 without a gap or a repeat");
            }
        }
        try (Storage s = Storages.open("sqlite:" + file)) { // room again
            int before = s.getAllTrials(studyId).size();
            FrozenTrial t = s.createTrial(studyId, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow();
            assertEquals(before, t.number());
            assertTrue(s.finishTrial(t.trialId(), TrialState.COMPLETE, 0.25, null));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(null, StorageTestSql.integrity(c));
        }
    }

    private static int pageCount(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
