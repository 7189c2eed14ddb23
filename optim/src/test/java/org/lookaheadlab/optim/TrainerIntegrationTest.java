package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Inside a real DJL {@link Trainer} (float32), a small MLP's training loss falls with every wrapper, and the
 * slow weights can be swapped in for evaluation and back.
 */
@SuppressWarnings("try") // NDScope / swap handles are used for their close() only
class TrainerIntegrationTest {

    private static final int STEPS = 90;
    private static final int BATCH = 64;

    private static Map<String, Function<SequentialBlock, Optimizer>> contenders() {
        Map<String, Function<SequentialBlock, Optimizer>> c = new LinkedHashMap<>();
        c.put("adam", b -> adam());
        c.put("lookahead(adam)", b -> Optimizers.lookahead(adam(), 5, 0.5, InnerState.NONE));
        c.put("lookahead(adam, pullback)", b -> Optimizers.lookahead(adam(), 5, 0.5, InnerState.PULLBACK));
        c.put("trajectoryLookahead(adam)", b -> Optimizers.trajectoryLookahead(adam(), 5, 3, 1.0, Points.LAST,
                InnerState.NONE));
        c.put("weightTrajectoryLR(adam, layer)", b -> Optimizers.weightTrajectoryLR(adam(), 0.5, Grouping.layer(b)));
        c.put("lookahead(weightTrajectoryLR(adam))", b -> Optimizers.lookahead(
                Optimizers.weightTrajectoryLR(adam(), 0.5, Grouping.tensor()), 5, 0.5, InnerState.RESET));
        c.put("ranger", b -> Optimizers.ranger(0.01));
        return c;
    }

    private static Optimizer adam() {
        return Optimizers.create("adam", Map.of("lr", 0.01));
    }

    @TestFactory
    Stream<DynamicTest> lossFallsWithEveryWrapper() {
        List<DynamicTest> tests = new ArrayList<>();
        contenders().forEach((name, factory) -> tests.add(DynamicTest.dynamicTest(name, () -> train(name, factory))));
        return tests.stream();
    }

    private static void train(String name, Function<SequentialBlock, Optimizer> factory) {
        Engine.getInstance().setRandomSeed(11);
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(32).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
        Optimizer optimizer = factory.apply(block);
        try (Model model = Model.newInstance("mlp");
                NDManager data = NDManager.newBaseManager()) {
            model.setBlock(block);
            NDArray x = data.randomNormal(new Shape(512, 8));
            NDArray target = x.matMul(data.randomNormal(new Shape(8, 3))).argMax(1);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 8));
                double first = 0;
                double last = 0;
                for (int step = 0; step < STEPS; step++) {
                    int from = (step * BATCH) % 512;
                    try (NDManager stepManager = trainer.getManager().newSubManager()) {
                        NDArray bx = x.get(new NDIndex(from + ":" + (from + BATCH)));
                        NDArray by = target.get(new NDIndex(from + ":" + (from + BATCH)));
                        bx.attach(stepManager);
                        by.attach(stepManager);
                        double loss;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray l = trainer.getLoss().evaluate(new NDList(by), trainer.forward(new NDList(bx)));
                            loss = l.getFloat();
                            gc.backward(l);
                        }
                        trainer.step();
                        if (step < 8) {
                            first += loss / 8;
                        }
                        if (step >= STEPS - 8) {
                            last += loss / 8;
                        }
                    }
                }
                assertTrue(last < 0.6 * first, name + ": loss " + first + " -> " + last);
                SlowWeights.find(optimizer).ifPresent(slow -> {
                    NDArray live = block.getParameters().get(0).getValue().getArray();
                    float[] fast = live.toFloatArray();
                    try (SlowWeightsSwap swap = slow.swapInSlowWeights()) {
                        assertArrayEquals(slow.slowWeight(block.getParameters().get(0).getValue().getId())
                                .orElseThrow().toFloatArray(), live.toFloatArray());
                    }
                    assertArrayEquals(fast, live.toFloatArray());
                });
            }
        }
    }
}
