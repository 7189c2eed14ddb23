package org.lookaheadlab.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.RandomSampler;
import org.lookaheadlab.tune.samplers.Sampler;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;

class StudyTest {

    private static Study study(Sampler sampler) {
        return Study.builder().name("s").sampler(sampler).pruner(new NopPruner()).build();
    }

    private static double quadratic(Trial t) {
        double lr = t.suggestFloat("lr", 1e-5, 1e-1, true);
        double beta = t.suggestFloat("beta", 0, 1);
        return Math.pow(Math.log10(lr) + 2.5, 2) + (beta - 0.9) * (beta - 0.9);
    }

    @Test
    void optimizeUntilCompleteStopsAfterItsStartBudgetWhenNoTrialCompletes() {
        Study s = study(new RandomSampler(1));
        int started = s.optimizeUntilComplete(t -> {
            t.suggestFloat("x", 0, 1);
            throw new IllegalStateException("always fails");
        }, 3, 1, 7);
        assertEquals(7, started);
        assertEquals(7, s.trials().size(), "no trial beyond the budget");
        assertTrue(s.trials().stream().allMatch(t -> t.state() == TrialState.FAIL));
        // with completing trials the target ends it first, and only this call's starts count against the budget
        int more = s.optimizeUntilComplete(t -> t.suggestFloat("x", 0, 1), 2, 1, 5);
        assertEquals(2, more);
        assertEquals(2, s.trials(TrialState.COMPLETE).size());
        assertThrows(IllegalArgumentException.class, () -> s.optimizeUntilComplete(t -> 0.0, 1, 1, -1));
    }

    @Test
    void throwingAndNonFiniteObjectivesFailWithTheirReasonAndTheStudyGoesOn() {
        Study s = study(new RandomSampler(1));
        s.optimize(t -> {
            double x = t.suggestFloat("x", 0, 1);
            return switch (t.number()) {
                case 0 -> throw new IllegalStateException("diverged at epoch 3");
                case 1 -> Double.NaN;
                case 2 -> Double.POSITIVE_INFINITY;
                default -> x;
            };
        }, 5);
        List<FrozenTrial> trials = s.trials();
        assertEquals(TrialState.FAIL, trials.get(0).state());
        assertEquals("java.lang.IllegalStateException: diverged at epoch 3", trials.get(0).failReason());
        assertEquals(TrialState.FAIL, trials.get(1).state());
        assertTrue(trials.get(1).failReason().contains("NaN"), trials.get(1).failReason());
        assertEquals(TrialState.FAIL, trials.get(2).state());
        assertTrue(trials.get(2).failReason().contains("Infinity"), trials.get(2).failReason());
        assertEquals(TrialState.COMPLETE, trials.get(3).state());
        assertEquals(TrialState.COMPLETE, trials.get(4).state());
        assertNull(trials.get(0).value());
    }

    @Test
    void prunedTrialKeepsItsLastIntermediateValue() {
        Study s = study(new RandomSampler(1));
        s.optimize(t -> {
            t.report(3.0, 0);
            t.report(2.0, 1);
            throw new TrialPruned();
        }, 1);
        FrozenTrial t = s.trials().get(0);
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals(2.0, t.value());
    }

    @Test
    void sameSeedGivesTheSameSequenceOfParameters() {
        for (boolean multivariate : new boolean[] {true, false}) {
            List<Map<String, Object>> a = paramsOf(TpeSampler.builder().seed(42).multivariate(multivariate).build());
            List<Map<String, Object>> b = paramsOf(TpeSampler.builder().seed(42).multivariate(multivariate).build());
            List<Map<String, Object>> c = paramsOf(TpeSampler.builder().seed(43).multivariate(multivariate).build());
            assertEquals(a, b);
            assertNotEquals(a, c);
        }
        assertEquals(paramsOf(new RandomSampler(7)), paramsOf(new RandomSampler(7)));
    }

    @Test
    void tpeStartupTrialsAreRandomSamplersWithTheSameSeed() {
        assertEquals(paramsOf(new RandomSampler(5)).subList(0, 10), paramsOf(new TpeSampler(5)).subList(0, 10));
    }

    private static List<Map<String, Object>> paramsOf(Sampler sampler) {
        Study s = study(sampler);
        s.optimize(t -> {
            double v = quadratic(t);
            String opt = t.suggestCategorical("opt", List.of("sgd", "adam", "rmsprop"));
            int layers = t.suggestInt("layers", 1, 8);
            return v + (opt.equals("adam") ? 0 : 0.3) + 0.05 * (layers - 3) * (layers - 3);
        }, 25);
        return s.trials().stream().map(FrozenTrial::params).toList();
    }

    @Test
    void suggestingANameTwiceReturnsTheFirstValueAndNeitherRangeNorKindMayChange() {
        Study s = study(new RandomSampler(3));
        Trial t = s.ask();
        double first = t.suggestFloat("x", 0, 1);
        assertEquals(first, t.suggestFloat("x", 0, 1));
        IllegalArgumentException range =
                assertThrows(IllegalArgumentException.class, () -> t.suggestFloat("x", 0, 2));
        assertTrue(range.getMessage().contains("'x'") && range.getMessage().contains("already suggested"),
                range.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.suggestInt("x", 0, 1));
        assertTrue(e.getMessage().contains("different distribution kind"), e.getMessage());
        s.tell(t, 1.0);
        Trial next = s.ask();
        assertThrows(IllegalArgumentException.class, () -> next.suggestFloat("x", 1e-3, 1, true),
                "log flag changed across trials");
        double dynamic = next.suggestFloat("x", 0.5, 2);
        assertTrue(dynamic >= 0.5 && dynamic <= 2, "a different range in a later trial is a dynamic search space");
        assertThrows(IllegalStateException.class, () -> t.suggestFloat("y", 0, 1), "finished trial");
    }

    @Test
    void reportRejectsNegativeStepsAndKeepsTheFirstValueOfAStep() {
        Trial t = study(new RandomSampler(1)).ask();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.report(1, -1));
        assertEquals("`step=-1` must be non-negative.", e.getMessage());
        t.report(1.0, 0);
        t.report(5.0, 0);
        assertEquals(1.0, t.intermediateValues().get(0));
    }

    @Test
    void bestTrialFollowsTheDirection() {
        Study max = Study.builder().name("m").direction(StudyDirection.MAXIMIZE).sampler(new RandomSampler(2))
                .pruner(new NopPruner()).build();
        max.optimize(t -> t.suggestFloat("x", 0, 1), 20);
        double best = max.trials().stream().mapToDouble(FrozenTrial::value).max().orElseThrow();
        assertEquals(best, max.bestTrial().value());
        assertThrows(IllegalStateException.class, () -> study(new RandomSampler(1)).bestTrial());
    }

    @Test
    void threadsShareOneStudyWithUniqueNumbers() {
        Study s = study(new TpeSampler(9));
        s.optimize(StudyTest::quadratic, 40, 4);
        List<FrozenTrial> trials = s.trials();
        assertEquals(40, trials.size());
        assertEquals(40, new HashSet<>(trials.stream().map(FrozenTrial::number).toList()).size());
        assertEquals(40, s.trials(TrialState.COMPLETE).size());
    }

    @Test
    void optimizeUntilCompleteCountsEarlierTrialsAndSkipsFailures() {
        Study s = study(new RandomSampler(4));
        s.optimize(StudyTest::quadratic, 3);
        s.optimizeUntilComplete(t -> {
            double v = quadratic(t);
            if (t.number() % 3 == 0) {
                throw new IllegalStateException("flaky");
            }
            return v;
        }, 10, 2);
        assertEquals(10, s.trials(TrialState.COMPLETE).size());
    }

    @Test
    void aSeededStudyIsReproducibleAcrossResume(@TempDir Path dir) {
        Study straight = study(new TpeSampler(11));
        straight.optimize(StudyTest::quadratic, 24);
        String url = "sqlite:" + dir.resolve("resume.db");
        try (Storage st = Storages.open(url)) {
            Study.builder().name("r").storage(st).sampler(new TpeSampler(11)).pruner(new NopPruner()).build()
                    .optimize(StudyTest::quadratic, 13);
        }
        try (Storage st = Storages.open(url)) {
            Study resumed = Study.builder().name("r").storage(st).sampler(new TpeSampler(11))
                    .pruner(new NopPruner()).loadIfExists(true).build();
            resumed.optimize(StudyTest::quadratic, 11);
            assertEquals(straight.trials().stream().map(FrozenTrial::params).toList(),
                    resumed.trials().stream().map(FrozenTrial::params).toList());
        }
    }

    @Test
    void aStudySurvivesItsProcessInSqliteAndResumes(@TempDir Path dir) {
        String url = "sqlite:" + dir.resolve("study.db");
        try (Storage st = Storages.open(url)) {
            Study.builder().name("resume").storage(st).sampler(new TpeSampler(1)).build()
                    .optimize(StudyTest::quadratic, 12);
        }
        try (Storage st = Storages.open(url)) {
            Study s = Study.builder().name("resume").storage(st).sampler(new TpeSampler(1)).loadIfExists(true).build();
            assertEquals(12, s.trials().size());
            s.optimize(StudyTest::quadratic, 3);
            assertEquals(List.of(12, 13, 14), s.trials().subList(12, 15).stream().map(FrozenTrial::number).toList());
            assertThrows(DuplicatedStudyException.class,
                    () -> Study.builder().name("resume").storage(st).build());
        }
    }
}
