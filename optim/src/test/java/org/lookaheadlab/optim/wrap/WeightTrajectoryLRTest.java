package org.lookaheadlab.optim.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.Quadratic;
import org.lookaheadlab.optim.base.Adam;
import org.lookaheadlab.optim.base.Sgd;

/** WeightTrajectoryLR against the inner optimizer and the closed-form scale 1/(1+β‖W−W₀‖). */
class WeightTrajectoryLRTest {

    private static final double LR = 0.1;
    private static final double BETA = 2.0;
    private static final double[] W0 = {1.0, -2.0, 0.5, 0.25};
    private static final double[] B0 = {0.1, 0.2};
    private static final double[] CW = {0.3, -0.1, 2.0, 1.0};
    private static final double[] CB = {-1.5, 0.7};

    @Test
    void betaZeroIsExactlyTheInnerOptimizer() {
        try (Quadratic a = new Quadratic(); Quadratic b = new Quadratic()) {
            Adam plain = Adam.builder().optLearningRate(0.01).build();
            WeightTrajectoryLR wt = WeightTrajectoryLR.builder().setInner(Adam.builder().optLearningRate(0.01).build())
                    .optBeta(0).optGrouping(Grouping.layer(id -> "all")).build();
            for (int t = 1; t <= 10; t++) {
                a.step(plain, t);
                b.step(wt, t);
            }
            assertArrayEquals(a.values(), b.values());
            assertEquals(1.0, wt.scale("w").orElseThrow());
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * SGD on constant gradients: the displacement after steps with scales s1..sn is lr·(s1+…+sn)·c, so
     * s_{n+1} = 1/(1 + β·lr·(s1+…+sn)·‖c‖) with ‖c‖ over the group.
     */
    @Test
    void scaleFollowsTheClosedFormPerTensorAndPerLayer() {
        for (String grouping : new String[] {"tensor", "layer"}) {
            for (String[] order : new String[][] {{"w", "b"}, {"b", "w"}}) {
                runConstantGradient(grouping, order);
            }
        }
    }

    /** A foreign inner optimizer (DJL's own SGD) gets its displacement scaled explicitly: same closed form. */
    @Test
    void scalesTheDisplacementOfAForeignInnerOptimizer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1.0f, -2.0f, 0.5f, 0.25f});
            w.setRequiresGradient(true);
            NDArray c = manager.create(new float[] {0.3f, -0.1f, 2.0f, 1.0f});
            Optimizer djlSgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) LR)).build();
            WeightTrajectoryLR wt = WeightTrajectoryLR.builder().setInner(djlSgd).optBeta(BETA).build();
            double travelled = 0;
            for (int t = 1; t <= 4; t++) {
                wt.update("w", w, c);
                double expectedScale = 1 / (1 + BETA * LR * travelled * norm(CW));
                assertEquals(expectedScale, wt.scale("w").orElseThrow(), 1e-6);
                travelled += expectedScale;
                float[] actual = w.toFloatArray();
                for (int i = 0; i < 4; i++) {
                    assertEquals(W0[i] - LR * travelled * CW[i], actual[i], 1e-5);
                }
            }
        }
    }

    private static void runConstantGradient(String grouping, String[] order) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = Map.of("w", manager.create(W0.clone()), "b", manager.create(B0.clone()));
            params.values().forEach(p -> p.setRequiresGradient(true));
            Map<String, NDArray> grads = Map.of("w", manager.create(CW), "b", manager.create(CB));
            Grouping g = grouping.equals("tensor") ? Grouping.tensor() : Grouping.layer(id -> "linear");
            WeightTrajectoryLR wt = WeightTrajectoryLR.builder().setInner(Sgd.builder().optLearningRate(LR).build())
                    .optBeta(BETA).optGrouping(g).build();
            double layerNorm = Math.sqrt(norm(CW) * norm(CW) + norm(CB) * norm(CB));
            Map<String, Double> cNorm = grouping.equals("tensor")
                    ? Map.of("w", norm(CW), "b", norm(CB)) : Map.of("w", layerNorm, "b", layerNorm);
            Map<String, Double> travelled = new java.util.HashMap<>(Map.of("w", 0.0, "b", 0.0));
            for (int t = 1; t <= 4; t++) {
                for (String name : order) {
                    wt.update(name, params.get(name), grads.get(name));
                }
                for (String name : order) {
                    double expectedScale = 1 / (1 + BETA * LR * travelled.get(name) * cNorm.get(name));
                    String where = grouping + " order " + String.join(",", order) + " step " + t + " " + name;
                    assertEquals(expectedScale, wt.scale(name).orElseThrow(), 1e-12, where);
                    travelled.put(name, travelled.get(name) + expectedScale);
                    double[] start = name.equals("w") ? W0 : B0;
                    double[] c = name.equals("w") ? CW : CB;
                    double[] actual = params.get(name).toDoubleArray();
                    for (int i = 0; i < c.length; i++) {
                        assertEquals(start[i] - LR * travelled.get(name) * c[i], actual[i], 1e-12, where);
                    }
                }
            }
        }
    }
}
