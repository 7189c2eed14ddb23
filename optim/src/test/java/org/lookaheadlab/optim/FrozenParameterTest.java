package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parameters that receive no gradient are left alone: inside a real DJL {@link Trainer}, a layer frozen from the
 * start, or frozen in the middle of a Lookahead cycle, keeps exactly its values through later steps and syncs
 * (it is never overwritten with a stale slow copy), while the other layers train.
 */
class FrozenParameterTest {

    private static final int K = 5;

    private static Map<String, Function<SequentialBlock, Optimizer>> contenders() {
        Map<String, Function<SequentialBlock, Optimizer>> c = new LinkedHashMap<>();
        c.put("lookahead(adam)", b -> Optimizers.lookahead(adam(), K, 0.5, InnerState.NONE));
        c.put("lookahead(sgd-momentum, pullback)", b -> Optimizers.lookahead(
                Optimizers.create("sgd", Map.of("lr", 0.05, "momentum", 0.9)), K, 0.5, InnerState.PULLBACK));
        c.put("trajectoryLookahead(adam, spread, reset)", b -> Optimizers.trajectoryLookahead(adam(), K, 3, 0.8,
                Points.SPREAD, InnerState.RESET));
        c.put("weightTrajectoryLR(adam, layer)", b -> Optimizers.weightTrajectoryLR(adam(), 0.5, Grouping.layer(b)));
        c.put("lookahead(weightTrajectoryLR(adam, layer))", b -> Optimizers.lookahead(
                Optimizers.weightTrajectoryLR(adam(), 0.5, Grouping.layer(b)), K, 0.5, InnerState.NONE));
        return c;
    }

    private static Optimizer adam() {
        return Optimizers.create("adam", Map.of("lr", 0.01));
    }

    @TestFactory
    Stream<DynamicTest> frozenLayersAreLeftAlone() {
        List<DynamicTest> tests = new ArrayList<>();
        contenders().forEach((name, factory) -> {
            tests.add(DynamicTest.dynamicTest(name + ", frozen from the start", () -> train(factory, 0)));
            tests.add(DynamicTest.dynamicTest(name + ", frozen mid-cycle", () -> train(factory, K + 2)));
        });
        return tests.stream();
    }

    /** Trains 4k + 1 steps; the first Linear is frozen after {@code freezeAfter} steps. */
    private static void train(Function<SequentialBlock, Optimizer> factory, int freezeAfter) {
        Engine.getInstance().setRandomSeed(5);
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(16).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
        Optimizer optimizer = factory.apply(block);
        try (Model model = Model.newInstance("frozen"); NDManager data = NDManager.newBaseManager()) {
            model.setBlock(block);
            NDArray x = data.randomNormal(new Shape(64, 6));
            NDArray y = x.matMul(data.randomNormal(new Shape(6, 3))).argMax(1);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(16, 6));
                Block first = block.getChildren().get(0).getValue();
                Map<String, float[]> frozen = null;
                Map<String, float[]> headBefore = values(block.getChildren().get(2).getValue());
                int steps = 4 * K + 1;
                for (int step = 0; step < steps; step++) {
                    if (step == freezeAfter) {
                        first.freezeParameters(true);
                        frozen = values(first);
                    }
                    int from = (step * 16) % 64;
                    try (NDManager stepManager = trainer.getManager().newSubManager()) {
                        NDArray bx = x.get(new NDIndex(from + ":" + (from + 16)));
                        NDArray by = y.get(new NDIndex(from + ":" + (from + 16)));
                        bx.attach(stepManager);
                        by.attach(stepManager);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            gc.backward(trainer.getLoss().evaluate(new NDList(by), trainer.forward(new NDList(bx))));
                        }
                        trainer.step();
                    }
                }
                Map<String, float[]> frozenAfter = values(first);
                for (String p : frozen.keySet()) {
                    assertArrayEquals(frozen.get(p), frozenAfter.get(p), p + " changed although frozen");
                }
                Map<String, float[]> headAfter = values(block.getChildren().get(2).getValue());
                for (String p : headBefore.keySet()) {
                    assertFalse(java.util.Arrays.equals(headBefore.get(p), headAfter.get(p)), p + " did not train");
                }
                Map<String, float[]> frozenAtStart = frozen;
                if (freezeAfter == 0) {
                    // never updated: no slow copy, and evaluation on the slow weights does not touch it
                    SlowWeights.find(optimizer).ifPresent(slow -> {
                        for (Pair<String, Parameter> p : first.getParameters()) {
                            assertTrue(slow.slowWeight(p.getValue().getId()).isEmpty(), p.getKey());
                        }
                        try (SlowWeightsSwap swap = slow.swapInSlowWeights()) {
                            Map<String, float[]> during = values(first);
                            for (String p : frozenAtStart.keySet()) {
                                assertArrayEquals(frozenAtStart.get(p), during.get(p), p + " touched by the swap");
                            }
                        }
                    });
                }
            }
        }
    }

    private static Map<String, float[]> values(Block block) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
