package org.lookaheadlab.optim.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.InnerState;
import org.lookaheadlab.optim.Points;
import org.lookaheadlab.optim.Quadratic;
import org.lookaheadlab.optim.base.Adam;
import org.lookaheadlab.optim.base.Sgd;

/** TrajectoryLookahead against Lookahead and hand-computed averages. */
class TrajectoryLookaheadTest {

    @Test
    void withOnePointItIsExactlyLookahead() {
        for (InnerState innerState : InnerState.values()) {
            try (Quadratic a = new Quadratic(); Quadratic b = new Quadratic()) {
                Lookahead la = Lookahead.builder().setInner(Adam.builder().optLearningRate(0.02).build())
                        .optK(4).optAlpha(0.6).optInnerState(innerState).build();
                TrajectoryLookahead tl = TrajectoryLookahead.builder()
                        .setInner(Adam.builder().optLearningRate(0.02).build())
                        .optK(4).optM(1).optAlpha(0.6).optInnerState(innerState).build();
                for (int t = 1; t <= 15; t++) {
                    a.step(la, t);
                    b.step(tl, t);
                    assertArrayEquals(a.values(), b.values(), innerState + " step " + t);
                }
                assertArrayEquals(la.slowWeight("w").orElseThrow().toDoubleArray(),
                        tl.slowWeight("w").orElseThrow().toDoubleArray());
            }
        }
    }

    /**
     * SGD(lr) on a constant gradient c: after j steps of a cycle the fast weights are slow − j·lr·c, so the
     * average of the points at steps p_1..p_m is slow − mean(p)·lr·c and each sync moves slow by α·mean(p)·lr·c.
     */
    @Test
    void sgdOnConstantGradientAveragesTheChosenPoints() {
        for (DataType dtype : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            double tolerance = dtype == DataType.FLOAT64 ? 1e-12 : 1e-6; // float32: a few ulps of values ~2
            assertSlowAfterTwoCycles(dtype, tolerance, Points.LAST, 5, 3, (3 + 4 + 5) / 3.0);
            assertSlowAfterTwoCycles(dtype, tolerance, Points.SPREAD, 6, 3, (2 + 4 + 6) / 3.0);
            assertSlowAfterTwoCycles(dtype, tolerance, Points.SPREAD, 5, 2, (2 + 5) / 2.0);
            assertSlowAfterTwoCycles(dtype, tolerance, Points.LAST, 4, 4, (1 + 2 + 3 + 4) / 4.0);
        }
    }

    private static void assertSlowAfterTwoCycles(DataType dtype, double tolerance, Points points, int k, int m,
            double meanStep) {
        double lr = 0.1;
        double alpha = 0.5;
        double[] init = {1.0, -2.0, 0.5};
        double[] c = {0.3, -0.1, 2.0};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(init.clone()).toType(dtype, false);
            w.setRequiresGradient(true);
            NDArray grad = manager.create(c).toType(dtype, false);
            TrajectoryLookahead tl = TrajectoryLookahead.builder().setInner(Sgd.builder().optLearningRate(lr).build())
                    .optK(k).optM(m).optAlpha(alpha).optPoints(points).build();
            for (int t = 1; t <= 2 * k; t++) {
                tl.update("w", w, grad);
            }
            double[] slow = tl.slowWeight("w").orElseThrow().toType(DataType.FLOAT64, false).toDoubleArray();
            double[] fast = w.toType(DataType.FLOAT64, false).toDoubleArray();
            for (int i = 0; i < 3; i++) {
                double expected = init[i] - 2 * alpha * meanStep * lr * c[i];
                String where = dtype + " " + points + " k=" + k + " m=" + m;
                assertEquals(expected, slow[i], tolerance, where);
                assertEquals(expected, fast[i], tolerance, where);
            }
        }
    }

    @Test
    void pointSchedules() {
        TrajectoryLookahead last = TrajectoryLookahead.builder().setInner(Sgd.builder().build()).optK(5).optM(3).build();
        TrajectoryLookahead spread = TrajectoryLookahead.builder().setInner(Sgd.builder().build()).optK(6).optM(3)
                .optPoints(Points.SPREAD).build();
        boolean[] lastExpected = {false, false, true, true, true};
        boolean[] spreadExpected = {false, true, false, true, false, true};
        for (int p = 1; p <= 5; p++) {
            assertEquals(lastExpected[p - 1], last.isAveragedStep(p));
        }
        for (int p = 1; p <= 6; p++) {
            assertEquals(spreadExpected[p - 1], spread.isAveragedStep(p));
        }
        assertFalse(last.isAveragedStep(0));
        assertTrue(last.isAveragedStep(5));
    }

    /**
     * The wrapper's own state is two parameter copies (slow + running sum) whatever m and the point schedule,
     * at every step of several cycles: never one buffer per averaged point.
     */
    @Test
    void memoryIsTwoParameterCopiesWhateverM() {
        for (Points points : Points.values()) {
            for (int m : new int[] {1, 2, 5, 8}) {
                try (Quadratic p = new Quadratic()) {
                    TrajectoryLookahead tl = TrajectoryLookahead.builder().setInner(Sgd.builder().build())
                            .optK(8).optM(m).optPoints(points).build();
                    for (int t = 1; t <= 20; t++) {
                        p.step(tl, t);
                        for (String name : p.params.keySet()) {
                            NDArray weight = p.params.get(name);
                            java.util.Map<String, NDArray> own = tl.store.peek(name, ai.djl.Device.cpu()).tensors();
                            String where = points + " m=" + m + " step " + t + " " + name;
                            assertTrue(own.size() <= 2 && java.util.Set.of("slow", "sum").containsAll(own.keySet()),
                                    where + ": " + own.keySet());
                            for (NDArray a : own.values()) {
                                assertEquals(weight.getShape(), a.getShape(), where);
                                assertEquals(weight.getDataType(), a.getDataType(), where);
                            }
                            if (t >= 8) {
                                assertEquals(2, own.size(), where);
                            }
                        }
                    }
                    tl.close();
                }
            }
        }
    }
}
