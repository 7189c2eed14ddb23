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
        r.put("nadam", Map.of("lr", lr, "beta1", unitOpen, "beta2", unitOpen, "eps", nonNeg, "momentumDecay", nonNeg));
        r.put("rmsprop", Map.of("lr", lr, "rho", unitOpen, "eps", nonNeg, "momentum", unitOpen, "weightDecay", nonNeg));
        r.put("adagrad", Map.of("lr", lr, "eps", nonNeg, "lrDecay", nonNeg, "initialAccumulator", nonNeg,
                "weightDecay", nonNeg));
        r.put("novograd", Map.of("lr", lr, "beta1", unitOpen, "beta2", unitOpen, "eps", nonNeg, "weightDecay", nonNeg));
        r.put("adabound", Map.of("lr", lr, "beta1", unitOpen, "beta2", unitOpen, "eps", nonNeg,
                "finalLr", lr, "gamma", new Object[] {0.0, 1.0, -0.5}, "weightDecay", nonNeg));
        r.put("ranger", Map.of("lr", lr, "k", new Object[] {0, -3}, "alpha", new Object[] {-0.01, 1.01}));
        return r;
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
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().startsWith(prefix) && e.getMessage().contains("accepted"), e.getMessage());
    }
}
