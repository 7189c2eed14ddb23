package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * PyTorch accumulates {@code .grad}: after every optimizer step the weight's accumulated gradient must be zero,
 * for every optimizer (and wrappers over it), in float32 and float64.
 */
class GradientZeroingTest {

    @TestFactory
    Stream<DynamicTest> everyOptimizerZeroesTheAccumulatedGradient() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Optimizers.names()) {
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                tests.add(DynamicTest.dynamicTest(name + " " + dtype, () -> check(
                        Optimizers.create(name, Map.of("lr", 0.01)), dtype)));
            }
        }
        tests.add(DynamicTest.dynamicTest("trajectoryLookahead(weightTrajectoryLR(adam))", () -> check(
                Optimizers.trajectoryLookahead(Optimizers.weightTrajectoryLR(Optimizers.create("adam", Map.of()), 0.2,
                        Grouping.tensor()), 2, 2, 0.5, Points.LAST, InnerState.RESET), DataType.FLOAT32)));
        return tests.stream();
    }

    private static void check(Optimizer optimizer, DataType dtype) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {0.5f, -1.0f, 2.0f, 0.25f}).toType(dtype, false);
            w.setRequiresGradient(true);
            for (int step = 1; step <= 3; step++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = w.mul(w).sum();
                    gc.backward(loss);
                }
                try (NDArray accumulated = w.getGradient(); NDArray grad = accumulated.duplicate()) {
                    assertEquals(0.0, accumulated.sub(w.mul(2)).abs().max().toType(DataType.FLOAT64, false).getDouble(),
                            1e-6, "step " + step + ": the gradient must not have accumulated");
                    optimizer.update("w", w, grad);
                }
                try (NDArray after = w.getGradient()) {
                    assertEquals(0.0, after.abs().sum().toType(DataType.FLOAT64, false).getDouble(), "step " + step);
                }
            }
        }
    }
}
