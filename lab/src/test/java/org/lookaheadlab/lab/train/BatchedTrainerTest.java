package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.model.BatchedModels;
import org.lookaheadlab.lab.model.InitialWeights;
import org.lookaheadlab.lab.model.Models;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * {@link BatchedTrainer} against the reference it must equal: each run trained alone by {@link FairTrainer}.
 */
class BatchedTrainerTest {

    @BeforeAll
    static void singleThreaded() {
        EngineThreads.set(1);
    }

    private static final DataSplits DATA = TestData.splits(300, 100, 8, 3, 17);

    static TrainSpec.Builder run(String model, OptimizerSpec optimizer, long seed) {
        return TrainSpec.builder().model(model).optimizer(optimizer).steps(100).batchSize(32).seed(seed)
                .evalEvery(25).dtype(DataType.FLOAT64);
    }

    static List<TrainSpec> sgdRuns(String model, double... lrs) {
        List<TrainSpec> runs = new ArrayList<>();
        for (int r = 0; r < lrs.length; r++) {
            runs.add(run(model, OptimizerSpec.of("sgd", lrs[r]), 3 + 7L * r).build());
        }
        return runs;
    }

    @Test
    void float64SgdRunsEqualTheirSoloRuns() {
        List<TrainSpec> runs = sgdRuns("mlp:16", 0.05, 0.1, 0.3);
        List<TrainResult> batched = new BatchedTrainer().train(DATA, runs);
        for (int r = 0; r < runs.size(); r++) {
            assertSameRun(runs.get(r), new FairTrainer().train(DATA, runs.get(r), TrainListener.NONE), batched.get(r),
                    1e-10);
        }
    }

    @Test
    void float64AdamAndLookaheadAdamRunsWithTheirOwnHyperparametersEqualTheirSoloRuns() {
        assertBatchEqualsSolo("mlp:16", "adam(lr=0.01)", "adam(lr=0.03,beta1=0.8,beta2=0.99)", "adam(lr=0.002)");
        assertBatchEqualsSolo("mlp:16", "lookahead(adam(lr=0.01),k=5,alpha=0.5)",
                "lookahead(adam(lr=0.03),k=3,alpha=0.8)", "lookahead(adam(lr=0.02,beta1=0.7),k=7,alpha=0.2)",
                "lookahead(adam(lr=0.005),k=4,alpha=0.5)");
        assertBatchEqualsSolo("mnist1d-mlp", "sgd(lr=0.1,momentum=0.9,nesterov=true)", "sgd(lr=0.05,momentum=0.5)",
                "sgd(lr=0.2)");
    }

    /** Every optimizer and wrapper of the registry (a wrapper around Adam). */
    static java.util.stream.Stream<String> registry() {
        return org.lookaheadlab.optim.spec.Registry.optimizers().stream()
                .map(org.lookaheadlab.optim.spec.OptimizerRecord::name);
    }

    /**
     * Each registry optimizer (a wrapper around Adam) in a batch of three runs with their own seeds and learning
     * rates (the default, twice and half of it), on the optimizer's evaluation weights where it keeps them: each
     * run equals its solo run after 100 float64 steps.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("registry")
    void everyRegistryOptimizerBatchedEqualsItsSoloRuns(String name) {
        var record = org.lookaheadlab.optim.spec.Registry.optimizer(name);
        double[] factors = {1, 2, 0.5};
        List<TrainSpec> runs = new ArrayList<>();
        for (int r = 0; r < factors.length; r++) {
            OptimizerSpec spec;
            if (record instanceof org.lookaheadlab.optim.spec.WrapperRecord) {
                spec = OptimizerSpec.wrap(name, OptimizerSpec.of("adam", 1e-2 * factors[r]), java.util.Map.of());
            } else {
                spec = OptimizerSpec.of(name, OptimizerSpec.of(name).lr() * factors[r]);
            }
            runs.add(run("mlp:16", spec, 3 + 7L * r).evalWeights(record.hasSlowWeights()).build());
        }
        List<TrainResult> batched = new BatchedTrainer().train(DATA, runs);
        for (int r = 0; r < runs.size(); r++) {
            assertSameRun(runs.get(r), new FairTrainer().train(DATA, runs.get(r), TrainListener.NONE), batched.get(r),
                    1e-10);
        }
    }

    @Test
    void evaluationWeightsArePerRun() {
        String[] specs = {"lookahead(adam(lr=0.01),k=5,alpha=0.5)", "lookahead(adam(lr=0.03),k=3,alpha=0.8)"};
        List<TrainSpec> runs = new ArrayList<>();
        for (int r = 0; r < specs.length; r++) {
            runs.add(run("mlp:16", OptimizerSpec.parse(specs[r]), 3 + 7L * r).evalWeights(true).build());
        }
        List<TrainResult> batched = new BatchedTrainer().train(DATA, runs);
        for (int r = 0; r < runs.size(); r++) {
            TrainResult solo = new FairTrainer().train(DATA, runs.get(r), TrainListener.NONE);
            assertSameRun(runs.get(r), solo, batched.get(r), 1e-10);
        }
    }

    /** Runs of {@code model} with the given optimizers (one seed each) batched, against each trained alone. */
    static void assertBatchEqualsSolo(String model, String... optimizers) {
        List<TrainSpec> runs = new ArrayList<>();
        for (int r = 0; r < optimizers.length; r++) {
            runs.add(run(model, OptimizerSpec.parse(optimizers[r]), 3 + 7L * r).build());
        }
        List<TrainResult> batched = new BatchedTrainer().train(DATA, runs);
        for (int r = 0; r < runs.size(); r++) {
            assertSameRun(runs.get(r), new FairTrainer().train(DATA, runs.get(r), TrainListener.NONE), batched.get(r),
                    1e-10);
        }
    }

    @Test
    void everyBatchedModelEqualsItsSoloModel() {
        for (String model : List.of("logistic", "mnist1d-mlp", "cnn")) {
            List<TrainSpec> runs = new ArrayList<>();
            for (TrainSpec s : sgdRuns(model, 0.05, 0.2)) {
                runs.add(s.toBuilder().steps(20).evalEvery(10).build());
            }
            List<TrainResult> batched = new BatchedTrainer().train(DATA, runs);
            for (int r = 0; r < runs.size(); r++) {
                assertSameRun(runs.get(r), new FairTrainer().train(DATA, runs.get(r), TrainListener.NONE), batched.get(r),
                    1e-10);
            }
        }
    }

    @Test
    void contiguousBatchesAndPerRunClippingEqualTheSoloRuns() {
        List<TrainSpec> runs = new ArrayList<>();
        double[] clips = {0, 0.5, 2};
        List<TrainSpec> base = sgdRuns("mlp:16", 0.1, 0.3, 0.2);
        for (int r = 0; r < base.size(); r++) {
            runs.add(base.get(r).toBuilder().contiguousBatches(true).gradClip(clips[r]).build());
        }
        List<TrainResult> batched = new BatchedTrainer().train(DATA, runs);
        for (int r = 0; r < runs.size(); r++) {
            assertSameRun(runs.get(r), new FairTrainer().train(DATA, runs.get(r), TrainListener.NONE), batched.get(r),
                    1e-10);
        }
    }

    @Test
    void aDivergingRunStopsAloneAndLeavesTheOthersAsTheirSoloRuns() {
        assertDivergingRunStopsAlone(sgdRuns("mlp:16", 0.1, 1e6, 0.2));
        List<TrainSpec> adam = new ArrayList<>();
        String[] specs = {"lookahead(adam(lr=0.01),k=5)", "lookahead(adam(lr=1e200),k=5)", "lookahead(adam(lr=0.02),k=3)"};
        for (int r = 0; r < specs.length; r++) {
            adam.add(run("mlp:16", OptimizerSpec.parse(specs[r]), 3 + 7L * r).build());
        }
        assertDivergingRunStopsAlone(adam);
    }

    /** Run 1 of {@code runs} diverges alone; runs 0 and 2 must be their solo runs, and what they are without it. */
    private static void assertDivergingRunStopsAlone(List<TrainSpec> runs) {
        TrainResult diverging = new FairTrainer().train(DATA, runs.get(1), TrainListener.NONE);
        assertEquals(TrainStatus.DIVERGED, diverging.status(), "the reference run must diverge");
        List<TrainResult> batched = new BatchedTrainer().train(DATA, runs);
        assertEquals(TrainStatus.DIVERGED, batched.get(1).status());
        assertEquals(diverging.message(), batched.get(1).message());
        assertSameRun(runs.get(1), diverging, batched.get(1), 1e-10);
        List<TrainResult> without = new BatchedTrainer().train(DATA, List.of(runs.get(0), runs.get(2)));
        for (int r : new int[] {0, 2}) {
            TrainResult solo = new FairTrainer().train(DATA, runs.get(r), TrainListener.NONE);
            assertEquals(TrainStatus.COMPLETED, batched.get(r).status());
            assertSameRun(runs.get(r), solo, batched.get(r), 1e-10);
        }
        // and bit for bit what they are in a batch without the diverging run
        assertArrayEquals(without.get(0).finalParameters(), batched.get(0).finalParameters());
        assertArrayEquals(without.get(1).finalParameters(), batched.get(2).finalParameters());
        assertEquals(withoutTimes(without.get(0)), withoutTimes(batched.get(0)));
        assertEquals(withoutTimes(without.get(1)), withoutTimes(batched.get(2)));
    }

    @Test
    void batchedResultsAreDeterministic() {
        List<TrainSpec> runs = sgdRuns("mlp:16", 0.05, 0.1, 0.3, 0.2);
        List<TrainResult> a = new BatchedTrainer().train(DATA, runs);
        List<TrainResult> b = new BatchedTrainer().train(DATA, runs);
        for (int r = 0; r < runs.size(); r++) {
            assertArrayEquals(a.get(r).finalParameters(), b.get(r).finalParameters());
            assertEquals(withoutTimes(a.get(r)), withoutTimes(b.get(r)));
        }
    }

    /** What a resumed compare relies on: a lone seed trained in a batch of one is what it was in a larger batch. */
    @Test
    void aRunsBatchedResultDoesNotDependOnTheBatchItIsIn() {
        for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            List<TrainSpec> runs = new ArrayList<>();
            for (TrainSpec s : sgdRuns("mlp:16", 0.05, 0.1, 0.3)) {
                runs.add(s.toBuilder().dtype(dtype).optimizer(OptimizerSpec.parse("lookahead(adam(lr=0.01))")).build());
            }
            List<TrainResult> three = new BatchedTrainer().train(DATA, runs);
            for (int r = 0; r < runs.size(); r++) {
                TrainResult one = new BatchedTrainer().train(DATA, List.of(runs.get(r))).get(0);
                assertArrayEquals(three.get(r).finalParameters(), one.finalParameters(), dtype + " run " + r);
                assertEquals(withoutTimes(three.get(r)), withoutTimes(one), dtype + " run " + r);
            }
        }
    }

    @Test
    void float32FinalMetricsAgreeWithTheSoloRunsTo1e4() {
        List<TrainSpec> runs = new ArrayList<>();
        for (TrainSpec s : sgdRuns("mlp:16", 0.05, 0.1, 0.3)) {
            runs.add(s.toBuilder().dtype(DataType.FLOAT32).build());
        }
        List<TrainResult> batched = new BatchedTrainer().train(DATA, runs);
        for (int r = 0; r < runs.size(); r++) {
            EpochMetrics solo = new FairTrainer().train(DATA, runs.get(r), TrainListener.NONE).finalMetrics();
            EpochMetrics b = batched.get(r).finalMetrics();
            assertEquals(solo.trainLoss(), b.trainLoss(), 1e-4);
            assertEquals(solo.testLoss(), b.testLoss(), 1e-4);
            assertEquals(solo.trainAccuracy(), b.trainAccuracy(), 1e-4);
            assertEquals(solo.testAccuracy(), b.testAccuracy(), 1e-4);
        }
    }

    @Test
    void specsThatCannotShareABatchAreRefusedNamingTheField() {
        List<TrainSpec> runs = sgdRuns("mlp:16", 0.05, 0.1);
        runs.set(1, runs.get(1).toBuilder().batchSize(16).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchedTrainer().train(DATA, runs));
        assertEquals("run 1 of the batch has batch size 16, run 0 has 32, accepted: the same batch size for every "
                + "run of a batch", e.getMessage());
        IllegalArgumentException gru = assertThrows(IllegalArgumentException.class,
                () -> new BatchedTrainer().train(DATA, sgdRuns("gru", 0.1)));
        assertEquals("model gru has no batched form, accepted: logistic, mlp, mnist1d-mlp, cnn", gru.getMessage());
    }

    /** Same status, message, history (metrics to {@code tolerance} relative, steps and epochs exactly) and weights. */
    static void assertSameRun(TrainSpec spec, TrainResult solo, TrainResult batched, double tolerance) {
        assertEquals(solo.status(), batched.status());
        assertEquals(solo.message(), batched.message());
        assertEquals(solo.history().size(), batched.history().size());
        for (int i = 0; i < solo.history().size(); i++) {
            EpochMetrics s = solo.history().get(i);
            EpochMetrics b = batched.history().get(i);
            assertEquals(s.epoch(), b.epoch());
            assertEquals(s.step(), b.step());
            close(s.trainLoss(), b.trainLoss(), tolerance, "train loss");
            close(s.validationLoss(), b.validationLoss(), tolerance, "validation loss");
            close(s.testLoss(), b.testLoss(), tolerance, "test loss");
            assertEquals(s.trainAccuracy(), b.trainAccuracy(), 0);
            assertEquals(s.testAccuracy(), b.testAccuracy(), 0);
        }
        double[][] w = weights(spec, solo.finalParameters());
        double[][] v = weights(spec, batched.finalParameters());
        assertEquals(w.length, v.length);
        for (int p = 0; p < w.length; p++) {
            assertEquals(w[p].length, v[p].length);
            for (int i = 0; i < w[p].length; i++) {
                close(w[p][i], v[p][i], tolerance, "parameter " + p + " entry " + i);
            }
        }
    }

    private static void close(double expected, double actual, double relative, String what) {
        double scale = Math.max(1e-3, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= relative * scale,
                what + ": solo " + expected + ", batched " + actual);
    }

    /** The parameters of a snapshot of {@code spec}'s model, as doubles, in the model's order. */
    static double[][] weights(TrainSpec spec, byte[] snapshot) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Models.create(spec.model(), DATA.train().sampleShape(), DATA.train().numClasses());
            InitialWeights.load(block, m, snapshot, DATA.train().sampleShape(), spec.dtype());
            return BatchedModels.parameters(block).stream()
                    .map(p -> p.getArray().toType(DataType.FLOAT64, false).toDoubleArray()).toArray(double[][]::new);
        }
    }

    private static List<Object> withoutTimes(TrainResult r) {
        List<Object> out = new ArrayList<>();
        out.add(r.status());
        out.add(r.message());
        for (EpochMetrics m : r.history()) {
            out.add(List.of(m.epoch(), m.step(), m.trainLoss(), m.trainAccuracy(), m.validationLoss(),
                    m.validationAccuracy(), m.testLoss(), m.testAccuracy()));
        }
        return out;
    }
}
