package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Save in the middle of a cycle, load into a fresh optimizer in a "new process" (new parameter ids, weights
 * restored, state loaded before the first update), continue: the result must equal the uninterrupted run bit
 * for bit, and so must the evaluation weights (slow weights, averages, schedule-free's x). Every wrapper (the
 * averages and schedule-free included, alone and over the Lookahead family) over Adam and SGD-momentum, and every
 * base optimizer, in float64 and float32.
 */
class ExactResumeTest {

    private static final int SAVE_AT = 7;
    private static final int TOTAL = 16;

    private static Map<String, Supplier<Optimizer>> inners() {
        // plain Adam takes the fused kernel in float32, AMSGrad the op-by-op path: both must resume exactly
        return Map.of(
                "adam", () -> Optimizers.create("adam", Map.of("lr", 0.02)),
                "adam-amsgrad", () -> Optimizers.create("adam", Map.of("lr", 0.02, "amsgrad", true)),
                "sgd-momentum", () -> Optimizers.create("sgd", Map.of("lr", 0.05, "momentum", 0.9)));
    }

    private static Map<String, java.util.function.Function<Optimizer, Optimizer>> wrappers() {
        Map<String, java.util.function.Function<Optimizer, Optimizer>> w = new java.util.LinkedHashMap<>();
        for (InnerState s : InnerState.values()) {
            w.put("lookahead-" + s, in -> Optimizers.lookahead(in, 5, 0.5, s));
            w.put("trajectoryLookahead-spread-" + s, in -> Optimizers.trajectoryLookahead(in, 5, 3, 0.8, Points.SPREAD, s));
        }
        w.put("trajectoryLookahead-last", in -> Optimizers.trajectoryLookahead(in, 6, 3, 1.0, Points.LAST, InnerState.NONE));
        // saved after step 7 of a k = 8 cycle: the running sum holds the points of steps 6 and 7
        w.put("trajectoryLookahead-last-midsum", in -> Optimizers.trajectoryLookahead(in, 8, 3, 0.7, Points.LAST,
                InnerState.NONE));
        w.put("weightTrajectoryLR-tensor", in -> Optimizers.weightTrajectoryLR(in, 0.7, Grouping.tensor()));
        w.put("weightTrajectoryLR-layer", in -> Optimizers.weightTrajectoryLR(in, 0.7, Grouping.layer(id -> "one")));
        w.put("lookahead(weightTrajectoryLR)", in -> Optimizers.lookahead(
                Optimizers.weightTrajectoryLR(in, 0.3, Grouping.layer(id -> "one")), 4, 0.5, InnerState.PULLBACK));
        // averages: saved after the first update (start 1), before it (start 9), between updates (every 3)
        w.put("ema", in -> Optimizers.wrap("ema", in, Map.of("decay", 0.9)));
        w.put("ema-start9", in -> Optimizers.wrap("ema", in, Map.of("decay", 0.7, "start", 9)));
        w.put("ema-every3", in -> Optimizers.wrap("ema", in, Map.of("decay", 0.8, "start", 2, "every", 3)));
        w.put("swa", in -> Optimizers.wrap("swa", in, Map.of()));
        w.put("swa-start9", in -> Optimizers.wrap("swa", in, Map.of("start", 9, "every", 2)));
        w.put("swa-every3", in -> Optimizers.wrap("swa", in, Map.of("start", 3, "every", 3)));
        w.put("scheduleFree", in -> Optimizers.wrap("schedule-free", in, Map.of()));
        w.put("scheduleFree-all", in -> Optimizers.wrap("schedule-free", in, Map.of("momentum", 0.8,
                "weightDecayAtY", 0.01, "r", 1, "weightLrPower", 1)));
        w.put("ema(lookahead)", in -> Optimizers.wrap("ema", Optimizers.lookahead(in, 4, 0.5, InnerState.NONE),
                Map.of("decay", 0.9)));
        w.put("swa(trajectoryLookahead)", in -> Optimizers.wrap("swa",
                Optimizers.trajectoryLookahead(in, 5, 3, 1.0, Points.LAST, InnerState.NONE), Map.of("start", 2)));
        return w;
    }

    @TestFactory
    Stream<DynamicTest> everyWrapperOverAdamAndSgdMomentum() {
        List<DynamicTest> tests = new ArrayList<>();
        wrappers().forEach((wname, wrap) -> inners().forEach((iname, inner) -> tests.add(DynamicTest.dynamicTest(
                wname + " over " + iname, () -> assertExactResume(() -> wrap.apply(inner.get()))))));
        return tests.stream();
    }

    /**
     * The schedule-free bases with every setting away from its default, saved in the middle of the warm-up, and
     * under a Lookahead that resets them (z, lr_max and W restart at its syncs).
     */
    @TestFactory
    Stream<DynamicTest> scheduleFreeBasesMidWarmup() {
        Map<String, Supplier<Optimizer>> cases = new java.util.LinkedHashMap<>();
        cases.put("adamw-schedule-free", () -> Optimizers.create("adamw-schedule-free", Map.of("lr", 0.02,
                "beta1", 0.8, "beta2", 0.99, "eps", 1e-6, "weightDecay", 0.05, "warmupSteps", 10, "r", 1,
                "weightLrPower", 1)));
        cases.put("sgd-schedule-free", () -> Optimizers.create("sgd-schedule-free", Map.of("lr", 0.05,
                "momentum", 0.85, "weightDecay", 0.01, "warmupSteps", 10, "r", 2, "weightLrPower", 0)));
        cases.put("lookahead(sgd-schedule-free, reset)", () -> Optimizers.lookahead(Optimizers.create(
                "sgd-schedule-free", Map.of("lr", 0.05, "warmupSteps", 3)), 4, 0.5, InnerState.RESET));
        return cases.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertExactResume(e.getValue())));
    }

    @TestFactory
    Stream<DynamicTest> everyBaseOptimizer() {
        return Optimizers.names().stream().map(name -> DynamicTest.dynamicTest(name,
                () -> assertExactResume(() -> Optimizers.create(name, Map.of("lr", 0.01)))));
    }

    private static void assertExactResume(Supplier<Optimizer> factory) throws Exception {
        for (DataType dtype : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            try (Quadratic straight = new Quadratic(dtype, "uid-1-");
                    Quadratic first = new Quadratic(dtype, "uid-1-");
                    Quadratic resumed = new Quadratic(dtype, "uid-2-")) {
                Optimizer a = factory.get();
                for (int t = 1; t <= TOTAL; t++) {
                    straight.step(a, t);
                }
                Optimizer b = factory.get();
                for (int t = 1; t <= SAVE_AT; t++) {
                    first.step(b, t);
                }
                byte[] saved = ((StatefulOptimizer) b).saveState(first.nameById::get);
                Optimizer c = factory.get();
                ((StatefulOptimizer) c).loadState(new ByteArrayInputStream(saved), resumed.idByName, resumed.manager);
                resumed.copyFrom(first);
                for (int t = SAVE_AT + 1; t <= TOTAL; t++) {
                    resumed.step(c, t);
                }
                for (String name : straight.params.keySet()) {
                    assertArrayEquals(straight.values(name), resumed.values(name), dtype + " " + name);
                }
                EvaluationWeights evalA = EvaluationWeights.find(a).orElse(null);
                if (evalA != null) { // the slow weights, the average, schedule-free's x
                    EvaluationWeights evalC = EvaluationWeights.find(c).orElseThrow();
                    for (String name : straight.params.keySet()) {
                        assertArrayEquals(evalA.evaluationWeight("uid-1-" + name).orElseThrow()
                                        .toType(DataType.FLOAT64, true).toDoubleArray(),
                                evalC.evaluationWeight("uid-2-" + name).orElseThrow()
                                        .toType(DataType.FLOAT64, true).toDoubleArray(), dtype + " evaluation " + name);
                    }
                }
                // a second save of the resumed optimizer equals the straight run's save
                assertArrayEquals(((StatefulOptimizer) a).saveState(straight.nameById::get),
                        ((StatefulOptimizer) c).saveState(resumed.nameById::get));
            }
        }
    }

    @Test
    void loadingIntoAnotherKindOfOptimizerIsRejected() {
        try (Quadratic q = new Quadratic(DataType.FLOAT64, "x-")) {
            Optimizer adam = Optimizers.create("adam", Map.of());
            q.step(adam, 1);
            byte[] saved = ((StatefulOptimizer) adam).saveState(q.nameById::get);
            StatefulOptimizer sgd = (StatefulOptimizer) Optimizers.create("sgd", Map.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sgd.loadState(new ByteArrayInputStream(saved), q.idByName, q.manager));
            assertEquals("state was saved by a Adam optimizer, cannot be loaded into a Sgd", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ((StatefulOptimizer) adam).saveState(id -> null));
        }
    }
}
