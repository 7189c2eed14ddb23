package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.TrialState;

/**
 * A database written by the code before the move to Optuna's schema ({@link SchemaV1Fixture}) is refused when
 * opened, with one line naming the upgrade command, and {@link StorageUpgrade} converts it without loss.
 */
abstract class StorageUpgradeConformance {

    @TempDir
    Path scratch;

    /** The URL of a new database holding the schema-1 fixture. */
    protected abstract String schemaV1Storage() throws Exception;

    @Test
    void anOldDatabaseIsRefusedWithTheUpgradeCommandThenUpgradedWithoutLoss() throws Exception {
        String url = schemaV1Storage();
        StorageException refused = assertThrows(StorageException.class, () -> Storages.open(url));
        assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("./lookahead storage upgrade " + Storages.redact(url)),
                refused.getMessage());

        StorageUpgrade.Result result = StorageUpgrade.upgrade(url);
        assertTrue(result.changed());
        assertEquals(3, result.studies());
        assertEquals(13, result.trials());
        try (Storage st = Storages.open(url)) {
            SchemaV1Fixture.assertHoldsTheFixture(st);
            long study = st.findStudy("v1-minimize").orElseThrow().studyId();
            FrozenTrial running = st.getAllTrials(study).get(5);
            assertEquals(TrialState.RUNNING, running.state());
            assertEquals(1796322699327L, heartbeatMillis(url, running.trialId()), "the heartbeat's time is kept");
            assertEquals(List.of(running.trialId()), st.findStaleTrials(study, Duration.ofMillis(1)),
                    "its owner is on another machine and its heartbeat is old: stale");
            // the queue goes on: the oldest WAITING trial (the rerun, number 7) starts first, then new numbers follow
            FrozenTrial rerun = st.createTrial(study, Integer.MAX_VALUE).orElseThrow();
            assertEquals(7, rerun.number());
            assertEquals(Map.of("lr", 0.004), rerun.fixedParams());
            st.createTrial(study, Integer.MAX_VALUE);
            st.createTrial(study, Integer.MAX_VALUE);
            FrozenTrial fresh = st.createTrial(study, Integer.MAX_VALUE).orElseThrow();
            assertEquals(10, fresh.number());
            assertTrue(fresh.trialId() > 13, "new ids follow the copied ones: " + fresh.trialId());
        }
        StorageUpgrade.Result again = StorageUpgrade.upgrade(url);
        assertFalse(again.changed(), again.message());
        assertTrue(again.message().contains("already in Optuna's schema"), again.message());
    }

    @Test
    void theFirstReleasesFileWithoutSystemAttributesIsUpgradedToo() throws Exception {
        String url = schemaV1Storage();
        try (Connection c = Storages.database(url).connect()) {
            c.createStatement().execute("DROP TABLE trial_system_attributes"); // as the first release wrote it
        }
        assertTrue(StorageUpgrade.upgrade(url).changed());
        try (Storage st = Storages.open(url)) {
            long study = st.findStudy("v1-minimize").orElseThrow().studyId();
            List<FrozenTrial> trials = st.getAllTrials(study);
            assertEquals("boom: division by zero", trials.get(3).failReason());
            assertEquals(Map.of(), trials.get(8).systemAttrs());
            st.enqueueTrial(study, Map.of(FrozenTrial.FIXED_PARAMS, "{\"x\":1.5}"));
            assertEquals(10, st.getAllTrials(study).get(10).number());
        }
    }

    private static long heartbeatMillis(String url, long trialId) throws Exception {
        JdbcDatabase db = Storages.database(url);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT "
                + db.dialect().epochMillis("heartbeat") + " FROM trial_heartbeats WHERE trial_id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }
}
