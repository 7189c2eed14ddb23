package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lookaheadlab.optim.base.Adam;
import org.lookaheadlab.optim.base.Sgd;
import org.lookaheadlab.optim.wrap.Lookahead;
import org.lookaheadlab.optim.wrap.TrajectoryLookahead;
import org.lookaheadlab.optim.wrap.WeightTrajectoryLR;

/**
 * Every builder rejects every out-of-range field with an IllegalArgumentException naming the field and the
 * value, and accepts the boundary values that are in range.
 */
class BuilderValidationTest {

    /** optimizer → field → {rejected values}. */
    private static Map<String, Map<String, Object[]>> rejected() {
        Object[] lr = {0.0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY};
        Object[] unitOpen = {-0.1, 1.0, 1.5, Double.NaN};
        Object[] nonNeg = {-1e-9, Double.NaN, Double.POSITIVE_INFINITY};
        Map<String, Map<String, Object[]>> r = new LinkedHashMap<>();
        r.put("sgd", Map.of("lr", lr, "momentum", unitOpen, "dampening", new Object[] {-0.1, 1.1}, "weightDecay", nonNeg));
        Map<String, Object[]> adam = Map.of("lr", lr, "beta1", unitOpen, "beta2", unitOpen, "eps", nonNeg,
                "weightDecay", nonNeg);
        r.put("adam", adam);
        r.put("adamw", adam);
        r.put("radam", adam);
        r.put("nadam", Map.of("lr", lr, "beta1", unitOpen, "beta2", unitOpen, "eps", nonNeg, "momentumDecay", nonNeg,
                "weightDecay", nonNeg));
        r.put("rmsprop", Map.of("lr", lr, "rho", unitOpen, "eps", nonNeg, "momentum", unitOpen, "weightDecay", nonNeg));
        r.put("adagrad", Map.of("lr", lr, "eps", nonNeg, "lrDecay", nonNeg, "initialAccumulator", nonNeg,
                "weightDecay", nonNeg));
        r.put("novograd", Map.of("lr", lr, "beta1", unitOpen, "beta2", unitOpen, "eps", nonNeg, "weightDecay", nonNeg));
        r.put("adabound", Map.of("lr", lr, "beta1", unitOpen, "beta2", unitOpen, "eps", nonNeg,
                "finalLr", lr, "gamma", new Object[] {0.0, 1.0, -0.5}, "weightDecay", nonNeg));
        r.put("ranger", Map.of("lr", lr, "k", new Object[] {0, -3}, "alpha", new Object[] {-0.01, 1.01}));
        Object[] unitOpenClosed = {0.0, -0.1, 1.0000001, Double.NaN};
        Object[] steps = {-1, -100};
        r.put("adamw-schedule-free", Map.of("lr", lr, "beta1", unitOpenClosed, "beta2", unitOpen, "eps", nonNeg,
                "weightDecay", nonNeg, "warmupSteps", steps, "r", nonNeg, "weightLrPower", nonNeg));
        r.put("sgd-schedule-free", Map.of("lr", lr, "momentum", unitOpenClosed, "weightDecay", nonNeg,
                "warmupSteps", steps, "r", nonNeg, "weightLrPower", nonNeg));
        Object[] clip = {0.0, -2.0, Double.NaN};
        for (String name : Optimizers.names()) {
            if (!name.equals("ranger")) {
                Map<String, Object[]> withClip = new LinkedHashMap<>(r.get(name));
                withClip.put("clipGrad", clip);
                r.put(name, withClip);
            }
        }
        return r;
    }

    /** Every base builder, for the settings every base shares (DJL's rescaleGrad and weight decay). */
    private static Map<String, java.util.function.Supplier<org.lookaheadlab.optim.base.BaseBuilder<?>>> builders() {
        Map<String, java.util.function.Supplier<org.lookaheadlab.optim.base.BaseBuilder<?>>> b = new LinkedHashMap<>();
        b.put("sgd", Sgd::builder);
        b.put("adam", Adam::builder);
        b.put("adamw", org.lookaheadlab.optim.base.AdamW::builder);
        b.put("rmsprop", org.lookaheadlab.optim.base.RmsProp::builder);
        b.put("adagrad", org.lookaheadlab.optim.base.Adagrad::builder);
        b.put("radam", org.lookaheadlab.optim.base.RAdam::builder);
        b.put("nadam", org.lookaheadlab.optim.base.NAdam::builder);
        b.put("novograd", org.lookaheadlab.optim.base.NovoGrad::builder);
        b.put("adabound", org.lookaheadlab.optim.base.AdaBound::builder);
        b.put("adamw-schedule-free", org.lookaheadlab.optim.base.AdamWScheduleFree::builder);
        b.put("sgd-schedule-free", org.lookaheadlab.optim.base.SgdScheduleFree::builder);
        return b;
    }

    private static Optimizer build(org.lookaheadlab.optim.base.BaseBuilder<?> b) {
        try {
            return (Optimizer) b.getClass().getMethod("build").invoke(b);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBaseBuilderChecksTheSharedSettings() {
        List<DynamicTest> tests = new ArrayList<>();
        builders().forEach((name, builder) -> {
            for (float rescale : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
                tests.add(DynamicTest.dynamicTest(name + ".rescaleGrad = " + rescale, () -> assertMessage(
                        "rescaleGrad = ", () -> build(builder.get().setRescaleGrad(rescale)))));
            }
            tests.add(DynamicTest.dynamicTest(name + ".weightDecays (DJL's)", () -> assertMessage(
                    "weightDecays (DJL) = ", () -> build(builder.get().optWeightDecays(0.1f)))));
            tests.add(DynamicTest.dynamicTest(name + ".lr = -1 (builder)", () -> assertMessage(
                    "lr = -1.0", () -> builder.get().optLearningRate(-1))));
            tests.add(DynamicTest.dynamicTest(name + ".learningRateTracker = null", () -> assertMessage(
                    "learningRateTracker = null", () -> builder.get().optLearningRateTracker(null))));
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyBaseFieldIsChecked() {
        List<DynamicTest> tests = new ArrayList<>();
        rejected().forEach((name, fields) -> fields.forEach((field, values) -> {
            for (Object v : values) {
                tests.add(DynamicTest.dynamicTest(name + "." + field + " = " + v, () -> {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> Optimizers.create(name, Map.of(field, v)));
                    assertTrue(e.getMessage().startsWith(field + " = ") && e.getMessage().contains("accepted"),
                            e.getMessage());
                }));
            }
        }));
        return tests.stream();
    }

    @Test
    void boundaryValuesInRangeAreAccepted() {
        assertDoesNotThrow(() -> Optimizers.create("sgd", Map.of("momentum", 0.0, "dampening", 1.0, "weightDecay", 0)));
        assertDoesNotThrow(() -> Optimizers.create("adam", Map.of("beta1", 0.0, "beta2", 0.0, "eps", 0.0)));
        assertDoesNotThrow(() -> Optimizers.create("ranger", Map.of("k", 1, "alpha", 0.0)));
        assertDoesNotThrow(() -> Optimizers.create("ranger", Map.of("alpha", 1.0)));
        assertDoesNotThrow(() -> Optimizers.create("sgd-schedule-free", Map.of("momentum", 1.0, "warmupSteps", 0,
                "r", 0.0, "weightLrPower", 0.0)));
        assertDoesNotThrow(() -> Optimizers.create("adamw-schedule-free", Map.of("beta1", 1.0, "beta2", 0.0)));
    }

    @Test
    void combinationsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("sgd", Map.of("nesterov", true)));
        assertTrue(e.getMessage().startsWith("momentum = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("sgd", Map.of("nesterov", true, "momentum", 0.9, "dampening", 0.1)));
        assertTrue(e.getMessage().startsWith("dampening = 0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("radam", Map.of("amsgrad", true)));
        assertThrows(IllegalArgumentException.class,
                () -> Sgd.builder().optClipGrad(-2f).build());
        assertThrows(IllegalArgumentException.class,
                () -> Sgd.builder().setRescaleGrad(0f).build());
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().optLearningRateTracker(null));
    }

    @Test
    void wrapperFieldsAreChecked() {
        Optimizer inner = Adam.builder().build();
        assertMessage("k = 0", () -> Lookahead.builder().setInner(inner).optK(0));
        assertMessage("alpha = -0.5", () -> Lookahead.builder().setInner(inner).optAlpha(-0.5));
        assertMessage("alpha = 1.5", () -> Lookahead.builder().setInner(inner).optAlpha(1.5));
        assertMessage("k = 0", () -> TrajectoryLookahead.builder().setInner(inner).optK(0));
        assertMessage("m = 0", () -> TrajectoryLookahead.builder().setInner(inner).optM(0));
        assertMessage("m = 6", () -> TrajectoryLookahead.builder().setInner(inner).optK(5).optM(6).build());
        assertMessage("alpha = 2.0", () -> TrajectoryLookahead.builder().setInner(inner).optAlpha(2));
        assertMessage("beta = -0.1", () -> WeightTrajectoryLR.builder().setInner(inner).optBeta(-0.1));
        assertMessage("beta = NaN", () -> WeightTrajectoryLR.builder().setInner(inner).optBeta(Double.NaN));
        assertMessage("inner = null", () -> Lookahead.builder().setInner(null));
        assertMessage("inner = null", () -> Lookahead.builder().build());
        assertMessage("clipGrad = 1.0", () -> Lookahead.builder().setInner(inner).optClipGrad(1f).build());
        assertMessage("innerState = 'sometimes'", () -> InnerState.parse("sometimes"));
        assertMessage("points = 'middle'", () -> Points.parse("middle"));
        assertMessage("k = -2", () -> TrajectoryLookahead.builder().setInner(inner).optK(-2));
        assertMessage("alpha = -0.1", () -> TrajectoryLookahead.builder().setInner(inner).optAlpha(-0.1));
        assertMessage("alpha = NaN", () -> TrajectoryLookahead.builder().setInner(inner).optAlpha(Double.NaN));
        assertMessage("alpha = NaN", () -> Lookahead.builder().setInner(inner).optAlpha(Double.NaN));
        assertMessage("m = 3", () -> TrajectoryLookahead.builder().setInner(inner).optM(3).optK(2).build());
        assertMessage("points = null", () -> TrajectoryLookahead.builder().setInner(inner).optPoints(null));
        assertMessage("innerState = null", () -> TrajectoryLookahead.builder().setInner(inner).optInnerState(null));
        assertMessage("innerState = null", () -> Lookahead.builder().setInner(inner).optInnerState(null));
        assertMessage("beta = Infinity", () -> WeightTrajectoryLR.builder().setInner(inner)
                .optBeta(Double.POSITIVE_INFINITY));
        assertMessage("grouping = null", () -> WeightTrajectoryLR.builder().setInner(inner).optGrouping(null));
        assertMessage("inner = null", () -> TrajectoryLookahead.builder().build());
        assertMessage("inner = null", () -> WeightTrajectoryLR.builder().build());
        assertMessage("rescaleGrad = 2.0", () -> TrajectoryLookahead.builder().setInner(inner).setRescaleGrad(2f).build());
        assertMessage("clipGrad = 1.0", () -> WeightTrajectoryLR.builder().setInner(inner).optClipGrad(1f).build());
        assertMessage("weightDecays (DJL) = 0.1", () -> Lookahead.builder().setInner(inner).optWeightDecays(0.1f).build());
        assertMessage("weightDecays (DJL) = 0.1", () -> TrajectoryLookahead.builder().setInner(inner)
                .optWeightDecays(0.1f).build());
        assertMessage("weightDecays (DJL) = 0.1", () -> WeightTrajectoryLR.builder().setInner(inner)
                .optWeightDecays(0.1f).build());
        assertMessage("amsgrad = true", () -> org.lookaheadlab.optim.base.NAdam.builder().optAmsgrad(true).build());
        assertMessage("amsgrad = true", () -> org.lookaheadlab.optim.base.RAdam.builder().optAmsgrad(true).build());
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().startsWith(prefix) && e.getMessage().contains("accepted"), e.getMessage());
    }
}
