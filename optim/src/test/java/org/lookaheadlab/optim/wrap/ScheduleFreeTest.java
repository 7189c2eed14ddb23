package org.lookaheadlab.optim.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.Quadratic;
import org.lookaheadlab.optim.base.AdamWScheduleFree;
import org.lookaheadlab.optim.base.Sgd;
import org.lookaheadlab.optim.base.SgdScheduleFree;

/**
 * Schedule-free, base optimizers and wrapper: x = y for β = 1, evaluation on x with training resumed from y bit
 * for bit, the wrapper over SGD is schedule-free SGD, the wrapper over a DJL optimizer.
 */
@SuppressWarnings("try") // swap handles are used for their close() only
class ScheduleFreeTest {

    private static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, true).toDoubleArray();
    }

    @Test
    void scheduleFreeSgdWithMomentumOneHasXEqualToY() {
        for (Supplier<Optimizer> make : java.util.List.<Supplier<Optimizer>>of(
                () -> SgdScheduleFree.builder().optLearningRate(0.1).optMomentum(1).optWarmupSteps(3).build(),
                () -> ScheduleFree.builder().setInner(Sgd.builder().optLearningRate(0.1).build()).optMomentum(1)
                        .build())) {
            try (Quadratic q = new Quadratic()) {
                Optimizer sf = make.get();
                EvaluationWeights eval = EvaluationWeights.find(sf).orElseThrow();
                for (int t = 1; t <= 10; t++) {
                    q.step(sf, t);
                    for (String name : q.params.keySet()) {
                        assertArrayEquals(q.values(name), values(eval.evaluationWeight(name).orElseThrow()),
                                sf.getClass().getSimpleName() + " " + name + " at step " + t);
                    }
                    double[] y = q.values();
                    try (EvaluationWeights.Swap swap = eval.swapIn()) {
                        assertArrayEquals(y, q.values());
                    }
                }
            }
        }
    }

    @Test
    void evaluationUsesXAndTrainingResumesFromYBitExactly() {
        for (DataType dtype : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            for (Supplier<Optimizer> make : java.util.List.<Supplier<Optimizer>>of(
                    () -> AdamWScheduleFree.builder().optLearningRate(0.05).optWarmupSteps(4).build(),
                    () -> SgdScheduleFree.builder().optLearningRate(0.1).optMomentum(0.8).build(),
                    () -> ScheduleFree.builder().setInner(Sgd.builder().optLearningRate(0.05).optMomentum(0.5).build())
                            .optWeightDecayAtY(0.01).build())) {
                try (Quadratic straight = new Quadratic(dtype); Quadratic evaluated = new Quadratic(dtype)) {
                    Optimizer a = make.get();
                    Optimizer b = make.get();
                    EvaluationWeights eval = EvaluationWeights.find(b).orElseThrow();
                    for (int t = 1; t <= 12; t++) {
                        straight.step(a, t);
                        evaluated.step(b, t);
                        double[] y = evaluated.values();
                        double[] x = values(eval.evaluationWeight("w").orElseThrow());
                        try (EvaluationWeights.Swap swap = eval.swapIn()) {
                            assertArrayEquals(x, evaluated.values("w"), "the model holds x");
                            if (t > 1) { // c = 1 at the first step: x = y = z
                                assertFalse(Arrays.equals(y, evaluated.values()), "x differs from y");
                            }
                        }
                        assertArrayEquals(y, evaluated.values(), "y is back");
                    }
                    assertArrayEquals(straight.values(), evaluated.values(),
                            b.getClass().getSimpleName() + " " + dtype);
                }
            }
        }
    }

    @Test
    void theFloat32FastPathFollowsTheRule() {
        Supplier<AdamWScheduleFree> make = () -> AdamWScheduleFree.builder().optLearningRate(0.02).optBeta1(0.8)
                .optWeightDecay(0.05).optWarmupSteps(3).optR(1).build();
        try (Quadratic exact = new Quadratic(); Quadratic fast = new Quadratic(DataType.FLOAT32)) {
            AdamWScheduleFree a = make.get();
            AdamWScheduleFree b = make.get();
            for (int t = 1; t <= 60; t++) {
                exact.step(a, t);
                fast.step(b, t);
            }
            assertArrayEquals(exact.values(), fast.values(), 2e-5, "y");
            assertArrayEquals(values(a.evaluationWeight("w").orElseThrow()),
                    values(b.evaluationWeight("w").orElseThrow()), 2e-5, "x");
        }
    }

    @Test
    void aStateOfTheFastPathContinuesOnTheOpByOpPath() {
        // the fast path keeps z scaled; a huge clipGrad (no clipping) takes the op-by-op path, which unscales it
        try (Quadratic fast = new Quadratic(DataType.FLOAT32, "a-");
                Quadratic ops = new Quadratic(DataType.FLOAT32, "b-")) {
            AdamWScheduleFree a = AdamWScheduleFree.builder().optLearningRate(0.02).build();
            for (int t = 1; t <= 6; t++) {
                fast.step(a, t);
            }
            byte[] saved = a.saveState(id -> id.substring(2));
            AdamWScheduleFree b = AdamWScheduleFree.builder().optLearningRate(0.02)
                    .optClipGrad(1e30f).build();
            b.loadState(new java.io.ByteArrayInputStream(saved), id -> id.substring(2), ops.manager);
            ops.copyFrom(fast);
            for (int t = 7; t <= 20; t++) {
                fast.step(a, t);
                ops.step(b, t);
            }
            assertArrayEquals(fast.values(), ops.values(), 1e-5);
            assertArrayEquals(values(a.evaluationWeight("a-w").orElseThrow()),
                    values(b.evaluationWeight("b-w").orElseThrow()), 1e-5);
        }
    }

    @Test
    void theWrapperOverSgdIsScheduleFreeSgd() {
        try (Quadratic base = new Quadratic(); Quadratic wrapped = new Quadratic()) {
            SgdScheduleFree sgdSf = SgdScheduleFree.builder().optLearningRate(0.08).optMomentum(0.85).optR(1)
                    .optWeightLrPower(1).build();
            ScheduleFree sf = ScheduleFree.builder().setInner(Sgd.builder().optLearningRate(0.08).build())
                    .optMomentum(0.85).optR(1).optWeightLrPower(1).build();
            for (int t = 1; t <= 20; t++) {
                base.step(sgdSf, t);
                wrapped.step(sf, t);
                assertArrayEquals(base.values(), wrapped.values(), 1e-12, "y at step " + t);
                assertArrayEquals(values(sgdSf.evaluationWeight("w").orElseThrow()),
                        values(sf.evaluationWeight("w").orElseThrow()), 1e-12, "x at step " + t);
            }
        }
    }

    @Test
    void theWrapperTakesAnyDjlOptimizerGivenItsLearningRate() {
        Supplier<Optimizer> djlSgd = () -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScheduleFree.builder().setInner(djlSgd.get()).build());
        assertTrue(e.getMessage().startsWith("innerLearningRate = unset is out of range; accepted: (0, ∞), required"
                + " for an inner optimizer that is not ours"), e.getMessage());
        ScheduleFree.builder().setInner(djlSgd.get()).optWeightLrPower(0).build(); // the lr is not used
        try (Quadratic djl = new Quadratic(DataType.FLOAT32); Quadratic ours = new Quadratic(DataType.FLOAT32)) {
            ScheduleFree overDjl = ScheduleFree.builder().setInner(djlSgd.get()).optInnerLearningRate(0.05).build();
            ScheduleFree overOurs = ScheduleFree.builder().setInner(Sgd.builder().optLearningRate(0.05).build())
                    .build();
            for (int t = 1; t <= 10; t++) {
                djl.step(overDjl, t);
                ours.step(overOurs, t);
            }
            assertArrayEquals(ours.values(), djl.values(), 1e-6);
        }
    }

    @Test
    void theInnerLearningRateFollowsItsSchedule() {
        Sgd scheduled = Sgd.builder().optLearningRateTracker(org.lookaheadlab.optim.LrSchedule.step(0.1, 2, 0.5))
                .build();
        assertEquals(0.1, scheduled.nextLearningRate("w", ai.djl.Device.cpu()));
        try (Quadratic q = new Quadratic()) {
            ScheduleFree sf = ScheduleFree.builder().setInner(scheduled).build();
            for (int t = 1; t <= 4; t++) {
                q.step(sf, t);
            }
            assertEquals(0.025, scheduled.nextLearningRate("w", ai.djl.Device.cpu()), 1e-15); // step 5
        }
    }
}
