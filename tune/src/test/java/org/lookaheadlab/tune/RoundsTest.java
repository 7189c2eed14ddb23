package org.lookaheadlab.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;
import org.lookaheadlab.tune.storage.InMemoryStorage;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;
import org.lookaheadlab.tune.storage.TrialLease;

/**
 * {@link Study#optimizeInRounds}: rounds of the asked width, bounded by the target, that fail or complete each
 * trial by its own outcome; and a seeded study killed anywhere in a round — while asking, while evaluating, or
 * between two tells — and resumed holds exactly the trials of an uninterrupted one.
 */
class RoundsTest {

    /** Branin-like; fails (NaN) in one corner, so some rounds leave the study short of its target. */
    private static double value(Trial t) {
        double x = t.suggestFloat("x", -5, 10);
        double y = t.suggestFloat("y", 1e-3, 15, true);
        return x > 7 && y > 5 ? Double.NaN : Math.pow(y - 0.13 * x * x + 1.6 * x - 6, 2) + 10 * Math.cos(x);
    }

    private static final int WIDTH = 4;
    private static final int TARGET = 16;

    private static Study.Builder seeded(Storage storage) {
        return Study.builder().name("rounds").storage(storage).loadIfExists(true)
                .sampler(TpeSampler.builder().seed(5).nStartupTrials(4).build()).pruner(new NopPruner())
                .heartbeatInterval(Duration.ofMillis(50)).gracePeriod(Duration.ofMillis(150)).rerunKilledTrials(3);
    }

    /** Evaluates a round trial by trial, recording each round's trial numbers. */
    private static BatchObjective recording(List<List<Integer>> rounds) {
        return trials -> {
            rounds.add(trials.stream().map(Trial::number).toList());
            List<TrialOutcome> out = new ArrayList<>();
            for (Trial t : trials) {
                out.add(TrialOutcome.of(value(t)));
            }
            return out;
        };
    }

    private static List<String> fingerprint(Study study) {
        return study.trials().stream()
                .map(t -> t.number() + " " + t.state() + " " + t.params() + " " + t.value()).toList();
    }

    @Test
    void roundsHaveTheWidthAndStopAtTheTarget() {
        List<List<Integer>> rounds = new ArrayList<>();
        Study study = seeded(new InMemoryStorage()).build();
        int started = study.optimizeInRounds(recording(rounds), TARGET, WIDTH, 100);

        assertEquals(TARGET, study.trials(TrialState.COMPLETE).size());
        assertEquals(study.trials().size(), started);
        assertTrue(study.trials(TrialState.FAIL).size() > 0, "the test space must make some trials fail");
        int first = 0;
        int complete = 0;
        for (List<Integer> round : rounds) {
            int size = Math.min(WIDTH, TARGET - complete);
            List<Integer> expected = new ArrayList<>();
            for (int n = first; n < first + size; n++) {
                expected.add(n);
            }
            assertEquals(expected, round, "a round: the next numbers, up to the width and the missing trials");
            for (int n : round) {
                complete += study.trials().get(n).state() == TrialState.COMPLETE ? 1 : 0;
            }
            first += size;
        }
    }

    @Test
    void theOpenRoundIsReadBackFromFinishedTrials() {
        // 4 finished (3 complete), then a round of min(4, 16 - 3) = 4 starting at 4 whose trial 5 is unfinished
        List<FrozenTrial> trials = new ArrayList<>();
        Study study = seeded(new InMemoryStorage()).build();
        for (int i = 0; i < 6; i++) {
            Trial t = study.ask();
            if (i == 1) {
                study.tell(t, TrialState.FAIL);
            } else if (i != 5) {
                study.tell(t, 1.0);
            }
        }
        trials.addAll(study.trials());
        assertArrayEquals(new int[] {4, 4}, Rounds.open(trials, WIDTH, TARGET).orElseThrow());
        assertArrayEquals(new int[] {0, 4}, Rounds.open(List.of(), WIDTH, TARGET).orElseThrow());
        assertTrue(Rounds.open(trials.subList(0, 4), WIDTH, 3).isEmpty(), "3 complete in finished rounds: done");
    }

    @Test
    void anObjectiveThatThrowsFailsItsRoundAndAShortOutcomeListIsRefused() {
        Study study = seeded(new InMemoryStorage()).build();
        AtomicInteger calls = new AtomicInteger();
        study.optimizeInRounds(trials -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("engine out of memory");
            }
            return calls.get() == 2 ? List.of() : trials.stream().map(t -> TrialOutcome.of(value(t))).toList();
        }, 3, 2, 100);
        List<FrozenTrial> all = study.trials();
        assertEquals(TrialState.FAIL, all.get(0).state());
        assertTrue(all.get(0).failReason().contains("engine out of memory"), all.get(0).failReason());
        assertTrue(all.get(2).failReason().contains("returned 0 outcomes for a round of 2"), all.get(2).failReason());
        assertEquals(3, study.trials(TrialState.COMPLETE).size());
    }

    @Test
    void maxStartedEndsTheCallBetweenRounds() {
        Study study = seeded(new InMemoryStorage()).build();
        int started = study.optimizeInRounds(trials -> trials.stream().map(t -> TrialOutcome.of(Double.NaN)).toList(),
                TARGET, WIDTH, 5);
        assertEquals(8, started, "two whole rounds: the second starts with 4 < 5 started");
    }

    /**
     * The process "dies" at the {@code killAt}-th call of {@code method}: while asking round 2 or 3, while leasing
     * round 2, between two tells of round 2 or 3 (the last two fail if a resumed round were refilled to its width).
     */
    @ParameterizedTest(name = "killed at {0} #{1}")
    @CsvSource({"createTrial, 6", "createTrial, 11", "leaseTrial, 7", "finishTrial, 6", "finishTrial, 10"})
    void aStudyKilledInARoundResumesToTheUninterruptedStudy(String method, int killAt, @TempDir Path dir)
            throws InterruptedException {
        Study uninterrupted = seeded(new InMemoryStorage()).build();
        uninterrupted.optimizeInRounds(recording(new ArrayList<>()), TARGET, WIDTH, 100);
        List<String> expected = fingerprint(uninterrupted);

        Path db = dir.resolve("killed.db");
        try (Storage storage = Storages.open("sqlite:" + db)) {
            Storage dying = dying(storage, method, killAt);
            try {
                seeded(dying).build().optimizeInRounds(recording(new ArrayList<>()), TARGET, WIDTH, 100);
                throw new AssertionError("the kill switch never fired");
            } catch (Killed expectedKill) {
                // the process is gone: its RUNNING trials' heartbeats stop
            }
        }
        Thread.sleep(400); // past the grace period
        try (Storage storage = Storages.open("sqlite:" + db)) {
            Study resumed = seeded(storage).build();
            resumed.optimizeInRounds(recording(new ArrayList<>()), TARGET, WIDTH, 100);
            assertEquals(expected, fingerprint(resumed));
            assertTrue(resumed.trials().stream().anyMatch(t -> t.systemAttrs().containsKey(FrozenTrial.RERUN_COUNT)),
                    "the kill must have hit a RUNNING trial");
        }
    }

    /** Thrown by the dying storage: the process's end. */
    private static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    /**
     * {@code storage} as a process sees it that dies at the {@code killAt}-th call of {@code method}: from then on
     * every call throws {@link Killed}. Its trials carry no owner and their leases write no heartbeat (as a worker
     * on another machine whose heartbeat stops), so the resumed study sees them stale after the grace period.
     */
    private static Storage dying(Storage storage, String method, int killAt) {
        AtomicInteger calls = new AtomicInteger();
        boolean[] dead = {false};
        InvocationHandler handler = (proxy, m, args) -> {
            if (dead[0] || m.getName().equals(method) && calls.incrementAndGet() >= killAt) {
                dead[0] = true;
                throw new Killed();
            }
            if (m.getName().equals("leaseTrial")) {
                return (TrialLease) () -> { };
            }
            if (m.getName().equals("createTrial") && args.length == 3) {
                var t = storage.createTrial((Long) args[0], (Integer) args[1], null);
                t.ifPresent(f -> storage.recordHeartbeat(f.trialId()));
                return t;
            }
            try {
                return m.invoke(storage, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                handler);
    }
}
