package org.lookaheadlab.tune.storage;

import static org.lookaheadlab.tune.storage.TestOwners.ELSEWHERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.tune.DuplicatedStudyException;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.StudyInfo;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.distributions.CategoricalDistribution;
import org.lookaheadlab.tune.distributions.FloatDistribution;
import org.lookaheadlab.tune.distributions.IntDistribution;

/** One behaviour contract, run against every {@link Storage} implementation. */
abstract class StorageConformanceTest {

    protected Storage storage;
    protected String studyName;

    /** A fresh storage (may share a database with earlier tests; study names are unique per test). */
    protected abstract Storage openStorage();

    /**
     * A second handle on the same data, as another worker process would open it (a database storage: a new
     * instance with its own connection and cache; the in-memory storage: the same instance).
     */
    protected Storage openSecondView() {
        return openStorage();
    }

    @BeforeEach
    void open() {
        storage = openStorage();
        studyName = "conformance-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void studiesAreFoundByNameAndNamesAreUnique() {
        StudyInfo info = storage.createStudy(studyName, StudyDirection.MAXIMIZE);
        assertEquals(info, storage.findStudy(studyName).orElseThrow());
        assertEquals(StudyDirection.MAXIMIZE, info.direction());
        assertTrue(storage.findStudy(studyName + "-other").isEmpty());
        assertThrows(DuplicatedStudyException.class, () -> storage.createStudy(studyName, StudyDirection.MINIMIZE));
    }

    @Test
    void trialNumbersAreConsecutivePerStudy() {
        long a = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        long b = storage.createStudy(studyName + "-b", StudyDirection.MINIMIZE).studyId();
        assertEquals(0, storage.createTrial(a, Integer.MAX_VALUE).orElseThrow().number());
        assertEquals(0, storage.createTrial(b, Integer.MAX_VALUE).orElseThrow().number());
        FrozenTrial t1 = storage.createTrial(a, Integer.MAX_VALUE).orElseThrow();
        assertEquals(1, t1.number());
        assertEquals(TrialState.RUNNING, t1.state());
        assertNotNull(t1.start());
        assertNull(t1.end());
        assertEquals(List.of(0, 1), storage.getAllTrials(a).stream().map(FrozenTrial::number).toList());
    }

    @Test
    void everythingRoundTrips() {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        long id = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        FloatDistribution lr = new FloatDistribution(1e-5, 1e-1, true);
        IntDistribution layers = new IntDistribution(1, 8, false, 1);
        CategoricalDistribution opt = new CategoricalDistribution(List.of("sgd", "adam"));
        FloatDistribution beta = new FloatDistribution(0, 1, false, 0.1);
        storage.setTrialParam(id, "lr", 3.2e-4, lr);
        storage.setTrialParam(id, "layers", 3, layers);
        storage.setTrialParam(id, "opt", 1, opt);
        storage.setTrialParam(id, "beta", 0.3, beta);
        storage.setTrialIntermediateValue(id, 0, 1.5);
        storage.setTrialIntermediateValue(id, 1, Double.NaN);
        storage.setTrialIntermediateValue(id, 2, Double.POSITIVE_INFINITY);
        storage.setTrialIntermediateValue(id, 3, Double.NEGATIVE_INFINITY);
        storage.setTrialIntermediateValue(id, 0, 99.0); // a step already reported keeps its first value
        storage.setTrialUserAttr(id, "note", UserAttrJson.write("hello"));
        storage.setTrialUserAttr(id, "epochs", UserAttrJson.write(List.of(1, 2, 3)));
        storage.setTrialUserAttr(id, "note", UserAttrJson.write("replaced"));
        assertTrue(storage.finishTrial(id, TrialState.COMPLETE, 0.125, null));

        FrozenTrial t = storage.getTrial(id);
        assertEquals(storage.getAllTrials(study).get(0), t);
        assertEquals(TrialState.COMPLETE, t.state());
        assertEquals(0.125, t.value());
        assertEquals(Map.of("lr", 3.2e-4, "layers", 3.0, "opt", 1.0, "beta", 0.3), t.internalParams());
        assertEquals(Map.of("lr", lr, "layers", layers, "opt", opt, "beta", beta), t.distributions());
        assertEquals(Map.of("lr", 3.2e-4, "layers", 3L, "opt", "adam", "beta", 0.3), t.params());
        assertEquals(List.of(0, 1, 2, 3), List.copyOf(t.intermediateValues().keySet()));
        assertEquals(1.5, t.intermediateValues().get(0));
        assertTrue(Double.isNaN(t.intermediateValues().get(1)));
        assertEquals(Double.POSITIVE_INFINITY, t.intermediateValues().get(2));
        assertEquals(Double.NEGATIVE_INFINITY, t.intermediateValues().get(3));
        assertEquals(Map.of("note", "replaced", "epochs", List.of(1, 2, 3)), t.userAttrs());
        assertNotNull(t.end());
        assertFalse(t.end().isBefore(t.start()));
    }

    @Test
    void prunedAndFailedTrialsKeepValueAndReason() {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        long pruned = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        long failed = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        assertTrue(storage.finishTrial(pruned, TrialState.PRUNED, 2.5, null));
        assertTrue(storage.finishTrial(failed, TrialState.FAIL, null, "boom: division by zero"));
        List<FrozenTrial> all = storage.getAllTrials(study);
        assertEquals(TrialState.PRUNED, all.get(0).state());
        assertEquals(2.5, all.get(0).value());
        assertEquals(TrialState.FAIL, all.get(1).state());
        assertNull(all.get(1).value());
        assertEquals("boom: division by zero", all.get(1).failReason());
    }

    @Test
    void aFinishedTrialCannotBeFinishedAgain() {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        long id = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        assertTrue(storage.finishTrial(id, TrialState.FAIL, null, "first"));
        assertFalse(storage.finishTrial(id, TrialState.COMPLETE, 1.0, null));
        assertEquals(TrialState.FAIL, storage.getTrial(id).state());
        assertEquals("first", storage.getTrial(id).failReason());
    }

    @Test
    void createTrialRespectsTheActiveLimit() {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        long a = storage.createTrial(study, 2).orElseThrow().trialId();
        storage.createTrial(study, 2).orElseThrow();
        assertTrue(storage.createTrial(study, 2).isEmpty(), "2 RUNNING already");
        storage.finishTrial(a, TrialState.PRUNED, null, null);
        assertEquals(2, storage.createTrial(study, 2).orElseThrow().number(), "PRUNED does not count");
    }

    @Test
    void staleHeartbeatsFailTheirTrialsOnly() throws InterruptedException {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        long stale = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        long fresh = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        long silent = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        long bornBeating = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        storage.recordHeartbeat(stale);
        Thread.sleep(700);
        storage.recordHeartbeat(fresh);
        assertEquals(Set.of(stale, bornBeating), Set.copyOf(storage.failStaleTrials(study, Duration.ofMillis(400))));
        assertEquals(TrialState.FAIL, storage.getTrial(bornBeating).state(), "first heartbeat written at creation");
        assertEquals(TrialState.FAIL, storage.getTrial(stale).state());
        assertEquals(StaleTrials.REASON, storage.getTrial(stale).failReason());
        assertEquals(TrialState.RUNNING, storage.getTrial(fresh).state());
        assertEquals(TrialState.RUNNING, storage.getTrial(silent).state(), "no heartbeat ever: left alone");
        assertEquals(List.of(), storage.failStaleTrials(study, Duration.ofMillis(400)));
    }

    @Test
    void aLeasedTrialIsNeverStaleHoweverOldItsHeartbeat() throws InterruptedException {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        long leased = storage.createTrial(study, Integer.MAX_VALUE, TrialOwner.current()).orElseThrow().trialId();
        long abandoned = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        try (Storage other = openSecondView();
                TrialLease lease = storage.leaseTrial(leased, Duration.ofHours(1))) { // no beat after the first
            Thread.sleep(300);
            assertEquals(List.of(abandoned), other.findStaleTrials(study, Duration.ofMillis(100)),
                    "the leased trial's owner (this process, recorded at creation) is alive: never stale");
            assertEquals(List.of(abandoned), other.failStaleTrials(study, Duration.ofMillis(100)));
            assertEquals(TrialState.RUNNING, other.getTrial(leased).state());
        }
    }

    @Test
    void aRequeuedTrialRestartsUnderItsOwnNumberWithItsNewAttributesOnly() {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        storage.finishTrial(storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId(),
                TrialState.COMPLETE, 1.0, null);
        long killed = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        storage.setTrialParam(killed, "x", 0.25, new FloatDistribution(0, 1, false));
        storage.setTrialIntermediateValue(killed, 1, 3.0);
        storage.setTrialUserAttr(killed, "note", "\"half done\"");
        assertTrue(storage.requeueTrial(killed, Map.of(FrozenTrial.FIXED_PARAMS, "{\"x\":0.25}")));
        assertFalse(storage.requeueTrial(killed, Map.of()), "no longer RUNNING");
        assertFalse(storage.finishTrial(killed, TrialState.FAIL, null, "late"), "a WAITING trial is not finished");
        FrozenTrial waiting = storage.getTrial(killed);
        assertEquals(TrialState.WAITING, waiting.state());
        assertEquals(Map.of(), waiting.params());
        assertEquals(Map.of(), waiting.userAttrs());
        assertTrue(waiting.intermediateValues().isEmpty());
        assertNull(waiting.start());
        long younger = storage.enqueueTrial(study, Map.of()).trialId();
        FrozenTrial restarted = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow();
        assertEquals(killed, restarted.trialId(), "the requeued trial starts before younger WAITING ones");
        assertEquals(1, restarted.number());
        assertEquals(Map.of("x", 0.25), restarted.fixedParams());
        assertEquals(TrialState.WAITING, storage.getTrial(younger).state());
        assertEquals(3, storage.getAllTrials(study).size(), "no trial added by the requeue");
        assertEquals(List.of(), storage.findStaleTrials(study, Duration.ofHours(1)));
    }

    @Test
    void historyReflectsLaterChanges() {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        long id = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        assertEquals(TrialState.RUNNING, storage.getAllTrials(study).get(0).state());
        storage.setTrialParam(id, "x", 0.5, new FloatDistribution(0, 1, false));
        assertEquals(Map.of("x", 0.5), storage.getAllTrials(study).get(0).internalParams());
        storage.finishTrial(id, TrialState.COMPLETE, 3.0, null);
        assertEquals(3.0, storage.getAllTrials(study).get(0).value());
        storage.createTrial(study, Integer.MAX_VALUE);
        assertEquals(2, storage.getAllTrials(study).size());
    }

    @Test
    void aReaderSeesEveryChangeAnotherWriterMakes() throws InterruptedException {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        FloatDistribution unit = new FloatDistribution(0, 1, false);
        long done = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        storage.finishTrial(done, TrialState.COMPLETE, 1.0, null);
        long running = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId();
        long beating = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().trialId();
        Storage other = openSecondView();
        try {
            // the reader has now seen (and may cache) one finished and two RUNNING trials
            assertEquals(List.of(TrialState.COMPLETE, TrialState.RUNNING, TrialState.RUNNING),
                    states(storage.getAllTrials(study)));
            // another worker: reports into and finishes the RUNNING trial, adds trials, lets one go stale
            long study2 = other.findStudy(studyName).orElseThrow().studyId();
            other.setTrialParam(running, "x", 0.25, unit);
            other.setTrialIntermediateValue(running, 0, 7.0);
            assertEquals(Map.of("x", 0.25), storage.getAllTrials(study).get(1).internalParams());
            assertEquals(7.0, storage.getAllTrials(study).get(1).intermediateValues().get(0));
            other.finishTrial(running, TrialState.COMPLETE, 2.0, null);
            long later = other.createTrial(study2, Integer.MAX_VALUE).orElseThrow().trialId();
            other.setTrialParam(later, "x", 0.75, unit);
            other.finishTrial(later, TrialState.PRUNED, 5.0, null);
            long stillRunning = other.createTrial(study2, Integer.MAX_VALUE).orElseThrow().trialId();
            Thread.sleep(50);
            assertEquals(Set.of(beating), Set.copyOf(other.failStaleTrials(study2, Duration.ofMillis(1))));

            List<FrozenTrial> seen = storage.getAllTrials(study);
            assertEquals(List.of(0, 1, 2, 3, 4), seen.stream().map(FrozenTrial::number).toList());
            assertEquals(List.of(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.FAIL, TrialState.PRUNED,
                    TrialState.RUNNING), states(seen));
            assertEquals(2.0, seen.get(1).value());
            assertEquals(StaleTrials.REASON, seen.get(2).failReason());
            assertEquals(Map.of("x", 0.75), seen.get(3).internalParams());
            assertEquals(stillRunning, seen.get(4).trialId());
            assertEquals(seen, storage.getAllTrials(study), "a second read without changes returns the same");
            assertEquals(TrialState.COMPLETE, storage.getTrial(running).state());
        } finally {
            if (other != storage) {
                other.close();
            }
        }
    }

    @Test
    void enqueuedTrialsWaitAndAreStartedOldestFirstBeforeNewOnes() {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        FrozenTrial first = storage.enqueueTrial(study, Map.of(FrozenTrial.FIXED_PARAMS, "{\"x\":0.5,\"c\":\"b\"}",
                FrozenTrial.FAILED_TRIAL, "7"));
        FrozenTrial second = storage.enqueueTrial(study, Map.of(FrozenTrial.FIXED_PARAMS, "{\"x\":0.25}"));
        assertEquals(TrialState.WAITING, first.state());
        assertNull(first.start());
        assertEquals(List.of(0, 1), storage.getAllTrials(study).stream().map(FrozenTrial::number).toList());
        assertEquals(List.of(TrialState.WAITING, TrialState.WAITING), states(storage.getAllTrials(study)));
        assertFalse(storage.finishTrial(first.trialId(), TrialState.COMPLETE, 1.0, null), "WAITING is not RUNNING");

        FrozenTrial started = storage.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow();
        assertEquals(first.trialId(), started.trialId(), "the oldest WAITING trial starts first");
        assertEquals(TrialState.RUNNING, started.state());
        assertNotNull(started.start());
        assertEquals(Map.of("x", 0.5, "c", "b"), started.fixedParams());
        assertEquals(7, ((Number) started.systemAttrs().get(FrozenTrial.FAILED_TRIAL)).intValue());
        assertEquals(second.trialId(), storage.createTrial(study, Integer.MAX_VALUE).orElseThrow().trialId());
        FrozenTrial fresh = storage.createTrial(study, Integer.MAX_VALUE).orElseThrow();
        assertEquals(2, fresh.number(), "no WAITING trial left: a new one");
        assertEquals(Map.of(), fresh.fixedParams());
        assertTrue(storage.finishTrial(started.trialId(), TrialState.COMPLETE, 1.0, null));
        FrozenTrial done = storage.getAllTrials(study).get(0);
        assertEquals(TrialState.COMPLETE, done.state());
        assertEquals(Map.of("x", 0.5, "c", "b"), done.fixedParams(), "system attributes survive finishing");
    }

    @Test
    void concurrentWorkersNeverStartTheSameWaitingTrial() throws Exception {
        long study = storage.createStudy(studyName, StudyDirection.MINIMIZE).studyId();
        int waiting = 24;
        for (int i = 0; i < waiting; i++) {
            storage.enqueueTrial(study, Map.of(FrozenTrial.FIXED_PARAMS, "{\"i\":" + i + "}"));
        }
        List<Storage> views = new java.util.ArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        List<Integer> startedNumbers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try {
            for (int w = 0; w < 4; w++) {
                Storage view = openSecondView();
                views.add(view);
                threads.add(new Thread(() -> {
                    for (int k = 0; k < waiting / 4; k++) {
                        startedNumbers.add(view.createTrial(study, Integer.MAX_VALUE, ELSEWHERE).orElseThrow().number());
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join(60_000);
            }
        } finally {
            for (Storage v : views) {
                if (v != storage) {
                    v.close();
                }
            }
        }
        assertEquals(java.util.stream.IntStream.range(0, waiting).boxed().toList(),
                startedNumbers.stream().sorted().toList(), "each WAITING trial started exactly once");
        assertEquals(waiting, storage.getAllTrials(study).size(), "no new trial while WAITING ones were left");
    }

    private static List<TrialState> states(List<FrozenTrial> trials) {
        return trials.stream().map(FrozenTrial::state).toList();
    }
}
