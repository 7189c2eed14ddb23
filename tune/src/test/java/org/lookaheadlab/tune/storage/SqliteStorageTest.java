package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

/** The storage contract for SQLite ({@code sqlite:PATH}). */
class SqliteStorageTest extends StorageConformanceTest {

    @TempDir
    static Path dir;

    @Override
    protected Storage openStorage() {
        return Storages.open("sqlite:" + dir.resolve("conformance.db"));
    }

    @Test
    void aFileWrittenBeforeTheQueueExistedOpensAndGetsIt(@TempDir Path old) throws Exception {
        Path file = old.resolve("v1.db");
        long study;
        try (Storage st = Storages.open("sqlite:" + file)) {
            study = st.createStudy("old", StudyDirection.MINIMIZE).studyId();
            st.finishTrial(st.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId(),
                    TrialState.COMPLETE, 1.0, null);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TABLE trial_system_attributes"); // the schema-1 file as the first release wrote it
        }
        try (Storage st = Storages.open("sqlite:" + file)) {
            assertEquals(TrialState.COMPLETE, st.getAllTrials(study).get(0).state());
            st.enqueueTrial(study, Map.of(FrozenTrial.FIXED_PARAMS, "{\"x\":1.5}"));
            assertEquals(Map.of("x", 1.5), st.createTrial(study, Integer.MAX_VALUE).orElseThrow().fixedParams());
        }
    }
}
