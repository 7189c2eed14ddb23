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
 * for bit. Every wrapper over Adam and SGD-momentum, and every base optimizer.
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
        return w;
    }

    @TestFactory
    Stream<DynamicTest> everyWrapperOverAdamAndSgdMomentum() {
        List<DynamicTest> tests = new ArrayList<>();
        wrappers().forEach((wname, wrap) -> inners().forEach((iname, inner) -> tests.add(DynamicTest.dynamicTest(
                wname + " over " + iname, () -> assertExactResume(() -> wrap.apply(inner.get()))))));
        return tests.stream();
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
                SlowWeights slowA = SlowWeights.find(a).orElse(null);
                if (slowA != null) {
                    SlowWeights slowC = SlowWeights.find(c).orElseThrow();
                    assertArrayEquals(slowA.slowWeight("uid-1-w").orElseThrow().toType(DataType.FLOAT64, true).toDoubleArray(),
                            slowC.slowWeight("uid-2-w").orElseThrow().toType(DataType.FLOAT64, true).toDoubleArray());
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
