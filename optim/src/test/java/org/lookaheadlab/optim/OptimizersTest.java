package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.optimizer.Optimizer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.base.RAdam;
import org.lookaheadlab.optim.wrap.Lookahead;
import org.lookaheadlab.optim.wrap.TrajectoryLookahead;
import org.lookaheadlab.optim.wrap.WeightTrajectoryLR;

/** The registry: names, hyperparameter parsing, errors. */
class OptimizersTest {

    @Test
    void everyNameBuildsWithDefaults() {
        assertEquals(java.util.List.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "radam", "nadam", "novograd",
                "adabound", "ranger", "adamw-schedule-free", "sgd-schedule-free"),
                java.util.List.copyOf(Optimizers.names()));
        for (String name : Optimizers.names()) {
            assertInstanceOf(StatefulOptimizer.class, Optimizers.create(name, Map.of()));
        }
    }

    @Test
    void unknownNameListsTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("adamax", Map.of()));
        assertTrue(e.getMessage().contains("'adamax'") && e.getMessage().contains("novograd"), e.getMessage());
    }

    @Test
    void unknownHyperparameterListsTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("sgd", Map.of("lr", 0.1, "beta1", 0.9)));
        assertTrue(e.getMessage().contains("'beta1'") && e.getMessage().contains("momentum"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Optimizers.wrap("polyak", Optimizers.create("sgd", Map.of()), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizers.wrap("lookahead", Optimizers.create("sgd", Map.of()), Map.of("beta", 1)));
    }

    @Test
    void numbersAndBooleansArriveInAnyForm() {
        Optimizer a = Optimizers.create("sgd", Map.of("lr", "0.1", "momentum", 0.9f, "nesterov", "true"));
        Optimizer b = Optimizers.create("adam", Map.of("lr", 1, "amsgrad", Boolean.TRUE, "beta2", "0.99"));
        assertInstanceOf(StatefulOptimizer.class, a);
        assertInstanceOf(StatefulOptimizer.class, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("sgd", Map.of("nesterov", "yes")));
        assertTrue(e.getMessage().contains("nesterov"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("sgd", Map.of("lr", "fast")));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.wrap("lookahead",
                Optimizers.create("sgd", Map.of()), Map.of("k", 2.5)));
    }

    @Test
    void rangerIsLookaheadOverRadamWithKSixAlphaHalf() {
        Lookahead ranger = (Lookahead) Optimizers.create("ranger", Map.of("lr", 0.01));
        assertInstanceOf(RAdam.class, ranger.inner());
        assertEquals(6, ranger.k());
        assertEquals(0.5, ranger.alpha());
    }

    @Test
    void wrappersByName() {
        Optimizer inner = Optimizers.create("adam", Map.of());
        TrajectoryLookahead tl = (TrajectoryLookahead) Optimizers.wrap("trajectoryLookahead", inner,
                Map.of("k", 6, "m", 2, "alpha", 0.5, "points", "spread", "innerState", "reset"));
        assertEquals(2, tl.m());
        assertEquals(Points.SPREAD, tl.points());
        assertEquals(InnerState.RESET, tl.innerState());
        WeightTrajectoryLR wt = (WeightTrajectoryLR) Optimizers.wrap("weightTrajectoryLR", inner,
                Map.of("beta", 0.5, "grouping", Grouping.layer(id -> "x")));
        assertEquals("layer", wt.grouping().kind());
        assertEquals(Optimizers.find(Optimizers.lookahead(wt, 5, 0.5, InnerState.NONE), WeightTrajectoryLR.class)
                .orElseThrow(), wt);
    }
}
