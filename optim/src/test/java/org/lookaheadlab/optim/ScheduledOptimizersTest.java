package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.base.AdaBound;
import org.lookaheadlab.optim.base.BaseOptimizer;
import org.lookaheadlab.optim.base.Sgd;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.ScheduleSpec;
import org.lookaheadlab.optim.wrap.Lookahead;

/**
 * Learning-rate schedules through {@link Optimizers#create} and the base builders, checked against hand-computed
 * weights on one float64 scalar parameter with a constant gradient.
 */
class ScheduledOptimizersTest {

    private static final Device CPU = Device.cpu();

    /** Runs {@code steps} updates of parameter "w" (w₀ = 1) with gradient {@code g} and returns w. */
    private static double run(Optimizer o, double g, int steps) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new double[] {1.0});
            for (int t = 0; t < steps; t++) {
                try (NDArray grad = m.create(new double[] {g})) {
                    o.update("w", w, grad);
                }
            }
            return w.getDouble();
        }
    }

    @Test
    void sgdWithAStepScheduleOnAConstantGradientGivesTheHandComputedWeight() {
        // lr per step 0.1, 0.1, 0.05, 0.05, 0.025; w = 1 − 2·(0.325)
        Optimizer sgd = Optimizers.create("sgd", Map.of("lr", LrSchedule.step(0.1, 2, 0.5)));
        assertEquals(1 - 2 * 0.325, run(sgd, 2.0, 5), 1e-15);
    }

    @Test
    void sgdMomentumKeepsTheLearningRateOutsideTheBufferLikeTorch() {
        // b = 1, 1.5, 1.75 (μ = 0.5, g = 1); θ −= lr_t·b_t with lr 0.1, 0.1, 0.05
        Optimizer sgd = Optimizers.create("sgd", Map.of("lr", LrSchedule.step(0.1, 2, 0.5), "momentum", 0.5));
        assertEquals(1 - (0.1 + 0.15 + 0.0875), run(sgd, 1.0, 3), 1e-15);
    }

    @Test
    void cosineScheduleDrivesSgdByTheFormula() {
        double lr = 0.2;
        double lrMin = 0.02;
        int total = 6;
        Optimizer sgd = Optimizers.create("sgd", Map.of("lr", LrSchedule.cosine(lr, lrMin, total)));
        double expected = 1;
        for (int i = 0; i < total; i++) {
            expected -= lrMin + (lr - lrMin) * (1 + Math.cos(Math.PI * i / total)) / 2;
        }
        assertEquals(expected, run(sgd, 1.0, total), 1e-14);
    }

    @Test
    void anyDjlTrackerIsAcceptedUnderLr() {
        Optimizer sgd = Optimizers.create("sgd", Map.of("lr", Tracker.fixed(0.5f)));
        assertEquals(0.0, run(sgd, 2.0, 1), 0.0);
        ParameterTracker halving = (id, t) -> 1f / (1 << t);
        Optimizer adam = Optimizers.create("adam", Map.of("lr", halving, "beta1", 0.0));
        assertEquals(1 - 0.5, run(adam, 3.0, 1), 1e-8); // Adam's first step is lr·sign(g)
    }

    @Test
    void aNumberUnderLrStillWorksAndBadValuesKeepTheirMessages() {
        assertEquals(1 - 0.1 * 2, run(Optimizers.create("sgd", Map.of("lr", 0.1)), 2.0, 1), 1e-15);
        assertEquals(1 - 0.1 * 2, run(Optimizers.create("sgd", Map.of("lr", "0.1")), 2.0, 1), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("sgd", Map.of("lr", "fast")));
        assertEquals("lr = 'fast' of sgd is not a number", e.getMessage());
    }

    @Test
    void trackersAreAskedWithThePerParameterStepStartingAtOne() {
        List<Integer> asked = new ArrayList<>();
        Optimizer sgd = Optimizers.create("sgd", Map.of("lr", (ParameterTracker) (id, t) -> {
            asked.add(t);
            return 0.1f;
        }));
        run(sgd, 1.0, 3);
        assertEquals(List.of(1, 2, 3), asked);
    }

    /**
     * β1 = β2 = ε = 0, g = 1: the raw AdaBound step is lr_t and the bounds at t = 1 (γ = 0.5) are fl/3 and 3·fl with
     * fl = finalLr·lr_t/lr₀. Under a warm-up to lr = 1 (lr_1 = 0.25), lr₀ must be the peak 1, not the first
     * value 0.25: fl = 0.01·0.25, so the step is clamped to 3·fl = 0.0075 (with lr₀ = 0.25 it would be 0.03).
     */
    @Test
    void adaBoundScalesItsBoundsByTheScheduleOverTheBaseLr() {
        Map<String, Object> h = Map.of("lr", LrSchedule.warmupCosine(1.0, 4, 0.0, 100), "beta1", 0.0,
                "beta2", 0.0, "eps", 0.0, "finalLr", 0.01, "gamma", 0.5);
        assertEquals(1 - 3 * 0.01 * 0.25, run(Optimizers.create("adabound", h), 1.0, 1), 1e-15);
    }

    @Test
    void adaBoundUnderAConstantScheduleEqualsAdaBoundAtThatFixedLr() {
        double fixed = run(Optimizers.create("adabound", Map.of("lr", 0.01, "finalLr", 0.05)), 0.7, 20);
        double scheduled = run(Optimizers.create("adabound",
                Map.of("lr", LrSchedule.constant(0.01), "finalLr", 0.05)), 0.7, 20);
        assertEquals(fixed, scheduled, 0.0);
    }

    @Test
    void lookaheadResetRestartsTheInnerStepButNotTheSchedule() {
        List<Integer> asked = new ArrayList<>();
        Sgd inner = Sgd.builder().optLearningRateTracker((ParameterTracker) (id, t) -> {
            asked.add(t);
            return 0.1f;
        }).build();
        Lookahead la = Lookahead.builder().setInner(inner).optK(3).optAlpha(0.5).optInnerState(InnerState.RESET)
                .build();
        run(la, 1.0, 7);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), asked);
        assertEquals(1, inner.stepCount("w", CPU), "the reset after step 6 restarted t");
        assertEquals(7, inner.scheduleStep("w", CPU));
    }

    @Test
    void theScheduleStepIsSavedWithTheState() {
        List<Integer> asked = new ArrayList<>();
        ParameterTracker recording = (id, t) -> {
            asked.add(t);
            return 0.1f;
        };
        Function<String, String> names = id -> id;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new double[] {1.0});
            NDArray g = m.create(new double[] {1.0});
            BaseOptimizer first = Sgd.builder().optLearningRateTracker(recording).build();
            first.update("w", w, g);
            first.update("w", w, g);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.saveState(bytes, names);
            BaseOptimizer second = Sgd.builder().optLearningRateTracker(recording).build();
            second.loadState(new ByteArrayInputStream(bytes.toByteArray()), names, m);
            second.update("w", w, g);
            assertEquals(List.of(1, 2, 3), asked);
            first.close();
            second.close();
        }
    }

    // ---- the schedule of an OptimizerSpec (moved from the lab, where specs used to live) ----

    @Test
    void theSpecsScheduleDrivesTheBuiltOptimizer() {
        // step: lr 0.1, 0.1, 0.1, 0.05, 0.05 on g = 2
        OptimizerSpec step = OptimizerSpec.of("sgd", 0.1).withSchedule(ScheduleSpec.parse("step(stepSize=3,gamma=0.5)"));
        assertEquals(1 - 2 * 0.4, run(step.build(run(5)), 2.0, 5), 1e-15);
        // cosine over the run's 4 steps from 0.4 to 0: lr 0.4, 0.2(1 + √½), 0.2, 0.2(1 − √½), sum 1
        OptimizerSpec cosine = OptimizerSpec.of("sgd", 0.4).withSchedule(ScheduleSpec.parse("cosine"));
        assertEquals(1 - 1.0, run(cosine.build(run(4)), 1.0, 4), 1e-15);
        // warm-up over 2 steps to 0.4, then cosine over the remaining 2: 0.2, 0.4, 0.4, 0.2
        OptimizerSpec warm = OptimizerSpec.of("sgd", 0.4).withSchedule(ScheduleSpec.parse("warmup-cosine(warmupSteps=2)"));
        assertEquals(1 - 1.2, run(warm.build(run(4)), 1.0, 4), 1e-15);
    }

    @Test
    void aScheduleOverTheRunNeedsTheRunsLength() {
        OptimizerSpec cosine = OptimizerSpec.of("adam", 0.01).withSchedule(ScheduleSpec.parse("cosine"));
        String message = assertThrows(IllegalArgumentException.class, cosine::build).getMessage();
        assertTrue(message.contains("run"), message);
        assertEquals("adam(lr=0.01,schedule=cosine(totalSteps=40))",
                cosine.withSchedule(cosine.schedule().overRun(40)).format());
        ScheduleSpec step = ScheduleSpec.parse("step(stepSize=5,gamma=0.5)");
        assertEquals(step, step.overRun(40), "a step schedule does not depend on the run's length");
    }

    @Test
    void badSchedulesNameFieldValueAndRange() {
        assertNames(message(() -> ScheduleSpec.parse("linear")), "linear", "cosine", "step", "warmup-cosine");
        assertNames(message(() -> ScheduleSpec.parse("step(stepSize=0,gamma=0.5)")), "stepSize", "0");
        assertNames(message(() -> ScheduleSpec.parse("step(stepSize=5,gamma=0)")), "gamma", "1");
        assertNames(message(() -> ScheduleSpec.parse("warmup-cosine(warmupSteps=0)")), "warmupSteps", "1");
        assertNames(message(() -> ScheduleSpec.parse("cosine(lrMin=-1)")), "lrMin", "-1");
        assertNames(message(() -> OptimizerSpec.of("sgd", 0.1).withSchedule(ScheduleSpec.parse("cosine(lrMin=0.5)"))),
                "lrMin", "0.5", "0.1");
        assertNames(message(() -> OptimizerSpec.of("sgd", 0.1)
                .withSchedule(ScheduleSpec.parse("warmup-cosine(warmupSteps=10)")).build(run(10))), "warmupSteps", "10");
    }

    private static void assertNames(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), part + " in: " + message);
        }
        assertFalse(message.contains("\n"), "one line: " + message);
    }

    /** A build context for a run of {@code steps} steps (no layers needed). */
    private static BuildContext run(long steps) {
        return BuildContext.of(id -> null, steps);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
