package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Objective;
import org.lookaheadlab.tune.StoredStudy;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.distributions.DistributionJson;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.Sampler;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;

/** Our SQLite storage on the database Optuna 5.0.0 itself wrote ({@link OptunaReference}). */
class OptunaReferenceTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileHasExactlyTheSchemaOptunaCreates() throws Exception {
        Path ours = dir.resolve("new.db");
        Storages.open("sqlite:" + ours).close();
        assertEquals(schema(OptunaReference.copyDatabase(dir)), schema(ours));
    }

    /** Every table and index with its CREATE statement, as SQLite keeps them. */
    private static TreeSet<String> schema(Path file) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " on " + rs.getString(3) + ": " + rs.getString(4));
            }
        }
        return out;
    }

    @Test
    void theReferenceDatabaseReadsAsOptunaReadsIt() {
        try (Storage st = Storages.open("sqlite:" + OptunaReference.copyDatabase(dir))) {
            OptunaReference.assertHoldsTheReference(st);
            FrozenTrial failed = st.getAllTrials(st.findStudy("mixed-space").orElseThrow().studyId()).get(7);
            assertEquals(TrialState.FAIL, failed.state());
            assertEquals(null, failed.failReason(), "Optuna 5 keeps no fail reason");
            FrozenTrial waiting = st.getAllTrials(st.findStudy("mixed-space").orElseThrow().studyId()).get(26);
            assertEquals(Map.of("lr", 0.001, "beta", 0.5), waiting.fixedParams(), "Optuna's enqueue_trial");
        }
    }

    @Test
    void distributionsAreWrittenCharacterForCharacterAsOptunaWritesThem() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + OptunaReference.copyDatabase(dir));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DISTINCT distribution_json FROM trial_params")) {
            int n = 0;
            while (rs.next()) {
                assertEquals(rs.getString(1), DistributionJson.toJson(DistributionJson.fromJson(rs.getString(1))));
                n++;
            }
            assertEquals(7, n, "float log/linear/step, int linear/log (two ranges), categorical");
        }
    }

    /** The mixed space's objective: every parameter as the Python study suggested it. */
    private static final Objective MIXED_SPACE = trial -> {
        double lr = trial.suggestFloat("lr", 1e-5, 1e-1, true);
        double beta = trial.suggestFloat("beta", 0.0, 1.0);
        double width = trial.suggestFloat("width", 0.5, 2.0, 0.25);
        int layers = trial.suggestInt("layers", 1, 4);
        int batch = trial.suggestInt("batch", 16, 256, true);
        String optimizer = trial.suggestCategorical("optimizer", List.of("adam", "sgd", "radam"));
        return Math.abs(Math.log10(lr) + 3) + beta + Math.abs(width - 1) + layers * 0.1 + batch / 256.0
                + (optimizer.equals("adam") ? 0 : 1);
    };

    private List<FrozenTrial> continueMixedSpace(Sampler sampler, String copyName) {
        Path copy = dir.resolve(copyName);
        try {
            java.nio.file.Files.copy(OptunaReference.copyDatabase(dir), copy);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (Storage st = Storages.open("sqlite:" + copy)) {
            Study study = Study.load("mixed-space", sampler, new NopPruner(), st);
            study.optimize(MIXED_SPACE, 6);
            return study.trials();
        }
    }

    @Test
    void ourTpeContinuesTheMixedSpaceStudyFromPythonsTrials() {
        List<FrozenTrial> trials = continueMixedSpace(new TpeSampler(7), "tpe.db");
        assertEquals(32, trials.size());
        assertEquals(TrialState.RUNNING, trials.get(25).state(), "Python's running trial (no heartbeat) is left alone");
        FrozenTrial enqueued = trials.get(26);
        assertEquals(TrialState.COMPLETE, enqueued.state(), "Python's WAITING trial runs first");
        assertEquals(0.001, enqueued.params().get("lr"));
        assertEquals(0.5, enqueued.params().get("beta"));
        for (FrozenTrial t : trials.subList(26, 32)) {
            assertEquals(TrialState.COMPLETE, t.state());
            assertEquals(List.of("lr", "beta", "width", "layers", "batch", "optimizer"), List.copyOf(t.params().keySet()));
            t.internalParams().forEach((name, v) -> assertTrue(t.distributions().get(name).contains(v), name + "=" + v));
            t.distributions().forEach((name, d) -> assertEquals(trials.get(0).distributions().get(name), d, name));
        }
        // the same seed without the history (startup: every parameter random) samples other values
        List<FrozenTrial> random = continueMixedSpace(TpeSampler.builder().seed(7).nStartupTrials(1000).build(),
                "random.db");
        assertNotEquals(random.get(27).params(), trials.get(27).params(), "TPE's trials come from Python's history");
        long adam = trials.subList(27, 32).stream().filter(t -> t.params().get("optimizer").equals("adam")).count();
        assertTrue(adam >= 4, "Python's best trials all used adam; TPE follows them: " + adam + " of 5");
    }

    @Test
    void theTwoObjectiveStudyIsListedButRefusedForTuning() {
        try (Storage st = Storages.open("sqlite:" + OptunaReference.copyDatabase(dir))) {
            StoredStudy two = st.getAllStudies().get(2);
            assertEquals("two-objectives", two.name());
            assertEquals(List.of(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE), two.directions());
            assertFalse(two.singleObjective());
            assertEquals(2, st.getAllTrials(two.studyId()).get(0).values().size());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Study.load("two-objectives", new TpeSampler(1), new NopPruner(), st));
            assertEquals("study 'two-objectives' has 2 objectives (MINIMIZE, MAXIMIZE): this tuner runs"
                    + " single-objective studies only, so it lists this study but does not tune it", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Study.builder().name("two-objectives").storage(st)
                    .loadIfExists(true).build());
            assertEquals(4, st.getAllTrials(two.studyId()).size(), "nothing was written");
        }
    }

    @Test
    void theMaximizeStudyReadsAndContinuesInItsDirection() {
        try (Storage st = Storages.open("sqlite:" + OptunaReference.copyDatabase(dir))) {
            Study study = Study.load("maximize-int", new TpeSampler(3), new NopPruner(), st);
            assertEquals(StudyDirection.MAXIMIZE, study.direction());
            assertEquals(6, study.bestTrial().number());
            assertEquals(0.0, study.bestTrial().value());
            assertEquals(6L, study.bestTrial().params().get("k"));
            study.optimize(t -> {
                int k = t.suggestInt("k", 1, 10);
                return -(k - 6.0) * (k - 6.0);
            }, 3);
            assertEquals(11, study.trials().size());
            assertEquals(0.0, study.bestTrial().value());
        }
    }
}
