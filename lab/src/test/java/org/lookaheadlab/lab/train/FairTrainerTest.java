package org.lookaheadlab.lab.train;

import org.lookaheadlab.optim.spec.OptimizerSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;

/** Fairness, bookkeeping and divergence handling of {@link FairTrainer} on small synthetic data. */
class FairTrainerTest {

    /** Small models: one intra-op thread is fast and immune to busy cores (see {@link EngineThreads}). */
    @org.junit.jupiter.api.BeforeAll
    static void singleThreaded() {
        EngineThreads.set(1);
    }

    private static final DataSplits DATA = TestData.splits(200, 100, 8, 3, 11);

    /** Records the initial parameters and the batch losses of a run. */
    static class Recorder implements TrainListener {
        final Map<String, float[]> initial = new LinkedHashMap<>();
        final List<Double> losses = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();

        @Override
        public void onStart(ParameterList parameters, long firstStep, long totalSteps) {
            for (Pair<String, Parameter> p : parameters) {
                initial.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }

        @Override
        public void onStep(long step, long totalSteps, double loss) {
            losses.add(loss);
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            epochs.add(metrics);
        }
    }

    private static TrainSpec.Builder spec(OptimizerSpec optimizer) {
        return TrainSpec.builder().model("mlp:16").optimizer(optimizer).epochs(2).batchSize(20).seed(5);
    }

    @Test
    void twoContendersStartFromIdenticalWeightsAndSeeTheSameFirstBatch() {
        Recorder adam = new Recorder();
        Recorder sgd = new Recorder();
        new FairTrainer().train(DATA, spec(OptimizerSpec.of("adam", 1e-2)).build(), adam);
        new FairTrainer().train(DATA, spec(OptimizerSpec.of("sgd", 0.1)).build(), sgd);
        assertEquals(adam.initial.keySet(), sgd.initial.keySet());
        for (String name : adam.initial.keySet()) {
            assertArrayEquals(adam.initial.get(name), sgd.initial.get(name), name);
        }
        // same weights and same first batch: the first loss is identical, the later ones are not
        assertEquals(adam.losses.get(0), sgd.losses.get(0));
        assertNotEquals(adam.losses.get(5), sgd.losses.get(5));
    }

    @Test
    void anotherInitSeedGivesOtherWeights() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        new FairTrainer().train(DATA, spec(OptimizerSpec.of("adam", 1e-2)).initSeed(1).build(), a);
        new FairTrainer().train(DATA, spec(OptimizerSpec.of("adam", 1e-2)).initSeed(2).build(), b);
        String first = a.initial.keySet().iterator().next();
        assertTrue(!java.util.Arrays.equals(a.initial.get(first), b.initial.get(first)));
    }

    @Test
    void recordsOneEvaluationPerEpochAndLearns() {
        Recorder r = new Recorder();
        TrainResult result = new FairTrainer().train(DATA,
                spec(OptimizerSpec.of("adam", 1e-2)).epochs(5).build(), r);
        assertEquals(TrainStatus.COMPLETED, result.status());
        assertEquals("completed 5 epochs (50 steps)", result.message());
        assertEquals(5, result.history().size());
        assertEquals(r.epochs, result.history());
        for (int e = 0; e < 5; e++) {
            EpochMetrics m = result.history().get(e);
            assertEquals(e + 1, m.epoch());
            assertEquals(10L * (e + 1), m.step());
            // no validation split: validation is the test split
            assertEquals(m.testLoss(), m.validationLoss());
            assertEquals(m.testAccuracy(), m.validationAccuracy());
        }
        assertEquals(50, r.losses.size());
        EpochMetrics last = result.finalMetrics();
        assertTrue(last.trainAccuracy() > 0.9, "train accuracy " + last.trainAccuracy());
        assertTrue(last.testLoss() < result.history().get(0).testLoss());
        assertTrue(result.trainSeconds() > 0);
    }

    @Test
    void aNonFiniteLossStopsTheRunAsDiverged() {
        TrainResult result = new FairTrainer().train(DATA,
                spec(OptimizerSpec.of("sgd", 1e12)).epochs(3).build(), TrainListener.NONE);
        assertEquals(TrainStatus.DIVERGED, result.status());
        assertTrue(result.message().matches("diverged at epoch [1-3] step \\d+ \\(loss (NaN|\\+Inf)\\)"),
                result.message());
    }

    @Test
    void stepsBasedRunsEvaluateEveryEpochAndAfterTheLastStep() {
        TrainResult result = new FairTrainer().train(DATA,
                spec(OptimizerSpec.of("adam", 1e-2)).steps(25).build(), TrainListener.NONE);
        assertEquals(List.of(10L, 20L, 25L), result.history().stream().map(EpochMetrics::step).toList());
        assertEquals(List.of(1, 2, 3), result.history().stream().map(EpochMetrics::epoch).toList());
        TrainResult onlyEnd = new FairTrainer().train(DATA,
                spec(OptimizerSpec.of("adam", 1e-2)).steps(25).evalEachEpoch(false).build(), TrainListener.NONE);
        assertEquals(1, onlyEnd.history().size());
        assertEquals(result.finalMetrics().testLoss(), onlyEnd.finalMetrics().testLoss());
    }

    @Test
    void trainsInFloat64() {
        TrainResult result = new FairTrainer().train(DATA, spec(OptimizerSpec.of("adam", 1e-2)).epochs(3)
                .dtype(ai.djl.ndarray.types.DataType.FLOAT64).build(), TrainListener.NONE);
        assertEquals(TrainStatus.COMPLETED, result.status());
        assertTrue(result.finalMetrics().testLoss() < result.history().get(0).testLoss());
    }

    @Test
    void anExceptionFromTheListenerStopsTheRunAndReachesTheCaller() {
        IllegalStateException prune = new IllegalStateException("pruned at epoch 2");
        Recorder r = new Recorder() {
            @Override
            public void onEpoch(EpochMetrics metrics) {
                super.onEpoch(metrics);
                if (metrics.epoch() == 2) {
                    throw prune;
                }
            }
        };
        IllegalStateException thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new FairTrainer().train(DATA, spec(OptimizerSpec.of("adam", 1e-2)).epochs(5).build(), r));
        org.junit.jupiter.api.Assertions.assertSame(prune, thrown);
        assertEquals(20, r.losses.size(), "no step after the listener threw");
    }
}
