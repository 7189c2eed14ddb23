package org.lookaheadlab.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;
import org.lookaheadlab.tune.storage.InMemoryStorage;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;

/**
 * A seeded study killed in the middle of a trial and resumed must sample exactly what an uninterrupted one
 * samples ({@link Study.Builder#rerunKilledTrials}); a study whose trials all fail stops
 * ({@link Study.Builder#maxConsecutiveFailures}).
 */
class KilledTrialRerunTest {

    private static final Objective BRANIN_LIKE = t -> {
        double x = t.suggestFloat("x", -5, 10);
        double y = t.suggestFloat("y", 1e-3, 15, true);
        return Math.pow(y - 0.13 * x * x + 1.6 * x - 6, 2) + 10 * Math.cos(x);
    };

    private static Study.Builder seeded(Storage storage) {
        return Study.builder().name("resume").storage(storage).loadIfExists(true)
                .sampler(TpeSampler.builder().seed(11).nStartupTrials(4).build()).pruner(new NopPruner())
                .gracePeriod(Duration.ofMillis(100));
    }

    /** Number, parameters and value of every trial: what "the same study" means. */
    private static List<String> fingerprint(Study study) {
        return study.trials().stream()
                .map(t -> t.number() + " " + t.state() + " " + t.params() + " " + t.value()).toList();
    }

    /** Runs 5 trials, then a trial whose process "dies" after suggesting, then resumes in a new Study to 12. */
    private static List<String> killedAndResumed(Path db, boolean rerunInPlace) throws InterruptedException {
        try (Storage storage = Storages.open("sqlite:" + db)) {
            seeded(storage).build().optimizeUntilComplete(BRANIN_LIKE, 5);
            Study dying = seeded(storage).build();
            Trial killed = dying.ask();
            storage.recordHeartbeat(killed.trialId()); // it was beating, then its process died
            killed.suggestFloat("x", -5, 10);
            killed.suggestFloat("y", 1e-3, 15, true);
        }
        Thread.sleep(300); // past the grace period
        try (Storage storage = Storages.open("sqlite:" + db)) {
            Study.Builder b = seeded(storage);
            Study resumed = (rerunInPlace ? b.rerunKilledTrials(1) : b.retryFailedTrials(1)).build();
            resumed.optimizeUntilComplete(BRANIN_LIKE, 12);
            return fingerprint(resumed);
        }
    }

    @Test
    void aKilledTrialRerunInPlaceGivesTheUninterruptedStudy(@TempDir Path dir) throws InterruptedException {
        Study uninterrupted = seeded(new InMemoryStorage()).build();
        uninterrupted.optimizeUntilComplete(BRANIN_LIKE, 12);
        List<String> expected = fingerprint(uninterrupted);
        assertEquals(12, expected.size());

        assertEquals(expected, killedAndResumed(dir.resolve("in-place.db"), true));
        // the Optuna-style retry (FAIL + a copy under a new number) shifts every later trial's draws
        assertNotEquals(expected, killedAndResumed(dir.resolve("copy.db"), false));
    }

    @Test
    void aTrialKilledMoreOftenThanAllowedFails(@TempDir Path dir) throws InterruptedException {
        try (Storage storage = Storages.open("sqlite:" + dir.resolve("twice.db"))) {
            for (int kill = 0; kill < 2; kill++) {
                Study study = seeded(storage).rerunKilledTrials(1).build();
                study.failStaleTrials();
                Trial t = study.ask();
                assertEquals(0, t.number(), "the same trial each time");
                storage.recordHeartbeat(t.trialId());
                Thread.sleep(300);
            }
            Study study = seeded(storage).rerunKilledTrials(1).build();
            assertEquals(1, study.failStaleTrials().size());
            FrozenTrial t = study.trials().get(0);
            assertEquals(TrialState.FAIL, t.state(), "rerun once, killed again: failed");
            assertEquals(1, ((Number) t.systemAttrs().get(FrozenTrial.RERUN_COUNT)).intValue());
        }
    }

    @Test
    void aStudyWhoseLatestTrialsAllFailStopsWithTheReason() {
        Study study = Study.builder().name("failing").maxConsecutiveFailures(5).pruner(new NopPruner()).build();
        AtomicInteger calls = new AtomicInteger();
        StudyStoppedException e = assertThrows(StudyStoppedException.class, () -> study.optimizeUntilComplete(t -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("unknown hyperparameter 'foo' for adam");
        }, 1));
        assertEquals(5, calls.get());
        assertEquals(5, study.trials(TrialState.FAIL).size());
        assertTrue(e.getMessage().contains("last 5 trials all failed"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown hyperparameter 'foo' for adam"), e.getMessage());
        assertEquals(4, e.lastFailed().number());
    }

    @Test
    void aSuccessBetweenFailuresKeepsTheStudyGoing() {
        Study study = Study.builder().name("flaky").maxConsecutiveFailures(3).pruner(new NopPruner()).build();
        AtomicInteger calls = new AtomicInteger();
        study.optimizeUntilComplete(t -> {
            if (calls.incrementAndGet() % 3 != 0) {
                return Double.NaN; // fails
            }
            return 1.0;
        }, 4);
        assertEquals(4, study.trials(TrialState.COMPLETE).size());
        assertEquals(8, study.trials(TrialState.FAIL).size());
    }
}
