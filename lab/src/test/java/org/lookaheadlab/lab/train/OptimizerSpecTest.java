package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.SlowWeights;
import org.lookaheadlab.optim.StatefulOptimizer;

/** Labels, validation and the optimizers an {@link OptimizerSpec} builds. */
class OptimizerSpecTest {

    @Test
    void labelsNameTheWrappersInsideOut() {
        OptimizerSpec adam = OptimizerSpec.of("adam", 1e-3);
        assertEquals("Adam", adam.label());
        assertEquals("Lookahead(Adam, k=5, α=0.5)", adam.withLookahead(5, 0.5).label());
        assertEquals("TrajectoryLookahead(Adam, k=5, m=3, α=1)",
                adam.withTrajectory(new OptimizerSpec.TrajectorySettings(5, 3, 1.0, "last")).label());
        assertEquals("Lookahead(WeightTrajectoryLR(SGD(momentum=0.9), β=0.1), k=6, α=0.8, pullback)",
                OptimizerSpec.of("sgd", 0.1).withHyper("momentum", 0.9).withWeightTrajectoryBeta(0.1)
                        .withLookahead(new OptimizerSpec.LookaheadSettings(6, 0.8, "pullback")).label());
    }

    @Test
    void withHyperCopiesAndKeepsTheOriginal() {
        OptimizerSpec a = OptimizerSpec.of("adam", 1e-3);
        OptimizerSpec b = a.withHyper("lr", 0.5).withHyper("beta1", 0.8);
        assertEquals(Map.of("lr", 1e-3), a.hyper());
        assertEquals(Map.of("lr", 0.5, "beta1", 0.8), b.hyper());
        assertEquals(0.5, b.lr());
    }

    @Test
    void invalidSettingsNameFieldValueAndRange() {
        assertEquals("lr is 0.0, accepted range: a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.of("adam", 0)).getMessage());
        assertEquals("lookahead k is 0, accepted range: k >= 1", assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.of("adam", 1e-3).withLookahead(0, 0.5)).getMessage());
        assertEquals("lookahead alpha is 1.5, accepted range: [0, 1]", assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.of("adam", 1e-3).withLookahead(5, 1.5)).getMessage());
        assertEquals("trajectory length m is 6, accepted range: 1 <= m <= k = 5",
                assertThrows(IllegalArgumentException.class,
                        () -> new OptimizerSpec.TrajectorySettings(5, 6, 1.0, "last")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.of("adamax", 1e-3))
                .getMessage().startsWith("optimizer 'adamax' is unknown, accepted: "));
    }

    @Test
    void buildsFreshStatefulOptimizersAndExposesSlowWeightsOfTheLookaheadFamily() {
        OptimizerSpec lookahead = OptimizerSpec.of("adam", 1e-3).withWeightTrajectoryBeta(0.5).withLookahead(5, 0.5);
        var first = lookahead.build();
        assertNotSame(first, lookahead.build());
        assertTrue(first instanceof StatefulOptimizer);
        assertTrue(SlowWeights.find(first).isPresent());
        assertTrue(lookahead.hasSlowWeights());
        assertTrue(SlowWeights.find(OptimizerSpec.of("ranger", 1e-3).build()).isPresent());
        assertFalse(SlowWeights.find(OptimizerSpec.of("adam", 1e-3).build()).isPresent());
        assertFalse(OptimizerSpec.of("adam", 1e-3).hasSlowWeights());
    }
}
