package org.lookaheadlab.tune;

import static org.lookaheadlab.tune.storage.TestOwners.ELSEWHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.RandomSampler;
import org.lookaheadlab.tune.storage.InMemoryStorage;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;

/** {@link Study#enqueueTrial} and {@link Study.Builder#retryFailedTrials(int)}. */
class EnqueueAndRetryTest {

    private static Study study(Storage storage, int maxRetries) {
        return Study.builder().name("enqueue").storage(storage).loadIfExists(true).sampler(new RandomSampler(3))
                .pruner(new NopPruner()).gracePeriod(Duration.ofMillis(100)).retryFailedTrials(maxRetries).build();
    }

    @Test
    void theNextAskUsesTheFixedParametersAndSamplesTheRest(@TempDir Path dir) {
        try (Storage storage = Storages.open("sqlite:" + dir.resolve("q.db"))) {
            Study study = study(storage, 0);
            study.enqueueTrial(Map.of("lr", 0.01, "layers", 3, "opt", "adam"));
            Trial t = study.ask();
            assertEquals(0, t.number());
            assertEquals(0.01, t.suggestFloat("lr", 1e-5, 1e-1, true), 1e-15);
            assertEquals(3, t.suggestInt("layers", 1, 8));
            assertEquals("adam", t.suggestCategorical("opt", List.of("sgd", "adam")));
            double beta = t.suggestFloat("beta", 0, 1);
            assertTrue(beta >= 0 && beta <= 1, "not fixed: sampled");
            study.tell(t, 1.0);
            FrozenTrial stored = study.trials().get(0);
            assertEquals(Map.of("lr", 0.01, "layers", 3L, "opt", "adam", "beta", beta), stored.params());
            assertEquals(TrialState.COMPLETE, stored.state());
            assertEquals(1, study.ask().number(), "queue empty: a new trial");
        }
    }

    @Test
    void aFixedValueOutsideTheSuggestedRangeIsRefused() {
        Study study = study(new InMemoryStorage(), 0);
        study.enqueueTrial(Map.of("x", 5.0, "c", "z"));
        Trial t = study.ask();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("x", 0, 1));
        assertTrue(e.getMessage().contains("'x' = 5.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.suggestCategorical("c", List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> study.enqueueTrial(null));
    }

    @Test
    void aStaleTrialIsRetriedWithItsParametersUpToMaxRetries() throws InterruptedException {
        Storage storage = new InMemoryStorage();
        Study study = study(storage, 2);
        long sid = study.studyId();
        // a worker that dies mid-trial: heartbeat written at creation, never again
        FrozenTrial original = storage.createTrial(sid, Integer.MAX_VALUE, ELSEWHERE).orElseThrow();
        Trial dying = new Trial(study, original);
        double x = dying.suggestFloat("x", -1, 1);
        long k = dying.suggestInt("k", 1, 9);
        Map<String, Object> expected = Map.of("x", x, "k", k);
        for (int retry = 1; retry <= 2; retry++) {
            Thread.sleep(150);
            assertEquals(1, study.failStaleTrials().size());
            List<FrozenTrial> all = study.trials();
            FrozenTrial queued = all.get(all.size() - 1);
            assertEquals(TrialState.WAITING, queued.state());
            assertEquals(0, ((Number) queued.systemAttrs().get(FrozenTrial.FAILED_TRIAL)).intValue(),
                    "always the first trial of the chain");
            assertEquals(retry, ((Number) queued.systemAttrs().get(FrozenTrial.RETRY_COUNT)).intValue());
            FrozenTrial restarted = storage.createTrial(sid, Integer.MAX_VALUE, ELSEWHERE).orElseThrow();
            assertEquals(queued.trialId(), restarted.trialId());
            Trial again = new Trial(study, restarted);
            assertEquals(Map.of("x", again.suggestFloat("x", -1, 1), "k", (long) again.suggestInt("k", 1, 9)),
                    expected, "the retry reruns the failed parameters");
        }
        Thread.sleep(150);
        assertEquals(1, study.failStaleTrials().size());
        assertEquals(List.of(TrialState.FAIL, TrialState.FAIL, TrialState.FAIL),
                study.trials().stream().map(FrozenTrial::state).toList(), "maxRetries=2: no third retry");
        assertThrows(IllegalArgumentException.class, () -> Study.builder().retryFailedTrials(-1));
    }

    @Test
    void withoutRetriesAStaleTrialIsOnlyFailed() throws InterruptedException {
        Storage storage = new InMemoryStorage();
        Study study = study(storage, 0);
        storage.createTrial(study.studyId(), Integer.MAX_VALUE, ELSEWHERE).orElseThrow();
        Thread.sleep(150);
        assertEquals(1, study.failStaleTrials().size());
        assertEquals(1, study.trials().size());
        assertNull(study.trials().get(0).systemAttrs().get(FrozenTrial.FAILED_TRIAL));
    }
}
