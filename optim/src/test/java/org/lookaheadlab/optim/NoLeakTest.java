package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Steps must not leave arrays behind: after the state exists, the number of arrays attached to the parameters'
 * manager and to the system manager (where detached state lives) stays constant from step to step.
 */
class NoLeakTest {

    private static Map<String, Supplier<Optimizer>> contenders() {
        Map<String, Supplier<Optimizer>> c = new LinkedHashMap<>();
        for (String name : Optimizers.names()) {
            c.put(name, () -> Optimizers.create(name, Map.of("lr", 0.01)));
        }
        c.put("adam-amsgrad", () -> Optimizers.create("adam", Map.of("amsgrad", true)));
        c.put("trajectoryLookahead(pullback)", () -> Optimizers.trajectoryLookahead(
                Optimizers.create("sgd", Map.of("momentum", 0.9)), 4, 2, 0.5, Points.SPREAD, InnerState.PULLBACK));
        c.put("lookahead(weightTrajectoryLR, reset)", () -> Optimizers.lookahead(
                Optimizers.weightTrajectoryLR(Optimizers.create("adam", Map.of()), 0.5, Grouping.layer(id -> "l")),
                3, 0.5, InnerState.RESET));
        c.put("weightTrajectoryLR(djl sgd)", () -> Optimizers.weightTrajectoryLR(
                Optimizer.sgd().setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f)).build(), 0.5,
                Grouping.tensor()));
        c.putAll(averaging());
        return c;
    }

    /** The optimizers with evaluation weights that are not the slow weights. */
    private static Map<String, Supplier<Optimizer>> averaging() {
        Map<String, Supplier<Optimizer>> c = new LinkedHashMap<>();
        c.put("ema(adam)", () -> Optimizers.wrap("ema", Optimizers.create("adam", Map.of()), Map.of("decay", 0.9)));
        c.put("swa(sgd, every 2)", () -> Optimizers.wrap("swa", Optimizers.create("sgd", Map.of()),
                Map.of("start", 3, "every", 2)));
        c.put("schedule-free(adam, weight decay at y)", () -> Optimizers.wrap("schedule-free",
                Optimizers.create("adam", Map.of()), Map.of("weightDecayAtY", 0.01)));
        c.put("schedule-free(djl sgd)", () -> Optimizers.wrap("schedule-free",
                Optimizer.sgd().setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f)).build(),
                Map.of("weightLrPower", 0)));
        c.put("adamw-schedule-free(weight decay)", () -> Optimizers.create("adamw-schedule-free",
                Map.of("weightDecay", 0.01, "warmupSteps", 5)));
        return c;
    }

    /** Reading the evaluation weights and swapping them in and out allocates nothing that stays. */
    @TestFactory
    @SuppressWarnings("try") // the swap handle is used for its close() only
    Stream<DynamicTest> evaluationWeightsLeaveNothingBehind() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Supplier<Optimizer>> c = new LinkedHashMap<>(averaging());
        c.put("sgd-schedule-free", () -> Optimizers.create("sgd-schedule-free", Map.of("lr", 0.1)));
        c.put("lookahead(adam)", () -> Optimizers.lookahead(Optimizers.create("adam", Map.of()), 3, 0.5,
                InnerState.NONE));
        c.forEach((name, factory) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                try (Quadratic q = new Quadratic(dtype, "leak-")) {
                    Optimizer optimizer = factory.get();
                    EvaluationWeights eval = EvaluationWeights.find(optimizer).orElseThrow();
                    NDManager system = q.manager.getParentManager();
                    int model = 0;
                    int detached = 0;
                    for (int t = 1; t <= 24; t++) {
                        q.step(optimizer, t);
                        eval.evaluationWeight("leak-w").orElseThrow();
                        try (EvaluationWeights.Swap swap = eval.swapIn()) {
                            eval.evaluationWeight("leak-b").orElseThrow();
                        }
                        if (t == 8) {
                            model = q.manager.getManagedArrays().size();
                            detached = system.getManagedArrays().size();
                        }
                    }
                    assertEquals(model, q.manager.getManagedArrays().size(), name + " " + dtype + ": parameters");
                    assertEquals(detached, system.getManagedArrays().size(), name + " " + dtype + ": system");
                    ((AutoCloseable) optimizer).close();
                }
            }
        })));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> arrayCountsStayFlat() {
        List<DynamicTest> tests = new ArrayList<>();
        contenders().forEach((name, factory) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                try (Quadratic q = new Quadratic(dtype, "leak-")) {
                    Optimizer optimizer = factory.get();
                    NDManager system = q.manager.getParentManager();
                    for (int t = 1; t <= 12; t++) {
                        q.step(optimizer, t);
                    }
                    int model = q.manager.getManagedArrays().size();
                    int detached = system.getManagedArrays().size();
                    for (int t = 13; t <= 36; t++) {
                        q.step(optimizer, t);
                    }
                    assertEquals(model, q.manager.getManagedArrays().size(), name + " " + dtype + ": parameter manager");
                    assertEquals(detached, system.getManagedArrays().size(), name + " " + dtype + ": system manager");
                    if (optimizer instanceof AutoCloseable) {
                        ((AutoCloseable) optimizer).close();
                    }
                }
            }
        })));
        return tests.stream();
    }
}
