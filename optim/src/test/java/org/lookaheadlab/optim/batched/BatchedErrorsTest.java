package org.lookaheadlab.optim.batched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/** What {@link BatchedOptimizers#create} and {@link BatchedOptimizer} refuse, each with one clear line. */
class BatchedErrorsTest {

    private static IllegalArgumentException refused(String... specs) {
        return assertThrows(IllegalArgumentException.class,
                () -> BatchedOptimizers.create(BatchedEquivalenceTest.parse(specs), 100));
    }

    private static void assertOneLine(IllegalArgumentException e, String... parts) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' names " + p);
        }
    }

    @Test
    void specsOfAnotherStructure() {
        assertOneLine(refused("adam", "sgd"), "differ in structure", "run 1", "sgd", "adam");
        assertOneLine(refused("lookahead(adam)", "adam"), "differ in structure", "lookahead(adam", "run 1 is adam");
        assertOneLine(refused("lookahead(adam)", "lookahead(sgd)", "lookahead(adam)"), "run 1 is lookahead(sgd");
        assertOneLine(refused("ema(lookahead(adam))", "lookahead(ema(adam))"), "differ in structure");
    }

    @Test
    void choicesThatDifferBetweenRuns() {
        assertOneLine(refused("lookahead(adam)", "lookahead(adam,innerState=reset)"), "innerState", "none",
                "reset", "group the runs");
        assertOneLine(refused("trajectory-lookahead(adam,points=spread)", "trajectory-lookahead(adam)"), "points",
                "spread", "last");
        IllegalArgumentException grouping = assertThrows(IllegalArgumentException.class,
                () -> BatchedOptimizers.create(BatchedEquivalenceTest.parse("wtlr(adam,beta=1)",
                        "wtlr(adam,beta=1,grouping=tensor)"), RunsProblem.context(100)));
        assertOneLine(grouping, "grouping", "layer", "tensor");
    }

    @Test
    void layerGroupingWithoutTheModel() {
        assertOneLine(refused("wtlr(adam,beta=1)"), "grouping = layer", "model");
    }

    @Test
    void noSpecs() {
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> BatchedOptimizers.create(List.of(), 10)),
                "specs", "at least one");
    }

    @Test
    void anOptimizerWithoutABatchedRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchedOptimizers.batched(List.of(Optimizer.sgd().setLearningRateTracker(
                        ai.djl.training.tracker.Tracker.fixed(0.1f)).build())));
        assertOneLine(e, "ai.djl.training.optimizer.Sgd", "no batched rule", "Adam", "Lookahead");
        assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adamx"), "an unknown name fails"
                + " before there is a spec to batch");
    }

    @Test
    void aParameterWithoutTheRunAxis() {
        try (NDManager manager = NDManager.newBaseManager();
                BatchedOptimizer o = BatchedOptimizers.create(BatchedEquivalenceTest.parse("adam", "adam"), 10)) {
            NDArray w = manager.zeros(new Shape(3, 4), DataType.FLOAT64);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> o.update("w", w, w.onesLike()));
            assertOneLine(e, "w", "(3, 4)", "leading run axis of size 2");
            assertOneLine(assertThrows(IllegalArgumentException.class, () -> o.freeze(2)), "run", "2", "[0, 1]");
            assertEquals(2, o.runs());
            assertFalse(o.hasEvaluationWeights());
        }
    }

    @Test
    void createWithTheModelsLayers() {
        try (BatchedOptimizer o = BatchedOptimizers.create(BatchedEquivalenceTest.parse("wtlr(adam,beta=1)"),
                new BuildContext(RunsProblem.LAYERS, 10))) {
            assertEquals(1, o.runs());
        }
    }

    @Test
    void aStateOfOtherRunsOrOtherOptimizers() {
        try (NDManager manager = NDManager.newBaseManager();
                BatchedOptimizer three = BatchedOptimizers.create(BatchedEquivalenceTest.parse("adam", "adam", "adam"), 10);
                BatchedOptimizer two = BatchedOptimizers.create(BatchedEquivalenceTest.parse("adam", "adam"), 10);
                BatchedOptimizer lookahead = BatchedOptimizers.create(BatchedEquivalenceTest.parse("lookahead(adam)",
                        "lookahead(adam)"), 10)) {
            NDArray w = manager.zeros(new Shape(3, 4), DataType.FLOAT64);
            w.setRequiresGradient(true);
            three.update("w", w, w.onesLike());
            byte[] state = three.saveState(id -> id);
            two.loadState(new java.io.ByteArrayInputStream(state), id -> id, manager);
            NDArray w2 = manager.zeros(new Shape(2, 4), DataType.FLOAT64);
            assertOneLine(assertThrows(IllegalArgumentException.class, () -> two.update("w", w2, w2.onesLike())),
                    "saved for 3 runs", "2 runs");
            assertOneLine(assertThrows(IllegalArgumentException.class, () -> lookahead.loadState(
                    new java.io.ByteArrayInputStream(state), id -> id, manager)), "cannot be loaded");
        }
    }
}
