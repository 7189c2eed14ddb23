package org.lookaheadlab.optim.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.InnerState;
import org.lookaheadlab.optim.Quadratic;
import org.lookaheadlab.optim.SlowWeights;
import org.lookaheadlab.optim.SlowWeightsSwap;
import org.lookaheadlab.optim.base.Adam;
import org.lookaheadlab.optim.base.Sgd;

/** Lookahead edge cases and inner-state handling, checked against hand-computed values. */
@SuppressWarnings("try") // NDScope / swap handles are used for their close() only
class LookaheadTest {

    private static final Device CPU = Device.cpu();

    @Test
    void alphaOneIsTheInnerOptimizer() {
        try (Quadratic a = new Quadratic(); Quadratic b = new Quadratic()) {
            Optimizer plain = Adam.builder().optLearningRate(0.01).build();
            Optimizer wrapped = Lookahead.builder().setInner(Adam.builder().optLearningRate(0.01).build())
                    .optK(3).optAlpha(1).build();
            for (int t = 1; t <= 10; t++) {
                a.step(plain, t);
                b.step(wrapped, t);
            }
            assertArrayEquals(a.values(), b.values());
        }
    }

    @Test
    void alphaZeroReturnsToTheInitialWeightsAtEverySync() {
        try (Quadratic p = new Quadratic()) {
            double[] init = p.values();
            Optimizer la = Lookahead.builder().setInner(Sgd.builder().optLearningRate(0.1).build())
                    .optK(4).optAlpha(0).build();
            for (int t = 1; t <= 8; t++) {
                p.step(la, t);
                if (t % 4 == 0) {
                    assertArrayEquals(init, p.values(), "after sync at step " + t);
                } else {
                    assertFalse(java.util.Arrays.equals(init, p.values()));
                }
            }
        }
    }

    @Test
    void slowWeightsFollowTheSchedule() {
        // SGD on a constant gradient c: fast = slow − j·lr·c after j steps; the sync moves slow by α·k·lr·c
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new double[] {1.0, -2.0, 0.5});
            w.setRequiresGradient(true);
            NDArray c = manager.create(new double[] {0.3, -0.1, 2.0});
            Lookahead la = Lookahead.builder().setInner(Sgd.builder().optLearningRate(0.1).build())
                    .optK(5).optAlpha(0.5).build();
            for (int t = 1; t <= 12; t++) {
                la.update("w", w, c);
            }
            double[] init = {1.0, -2.0, 0.5};
            double[] cc = {0.3, -0.1, 2.0};
            double[] slow = la.slowWeight("w").orElseThrow().toDoubleArray();
            double[] fast = w.toDoubleArray();
            for (int i = 0; i < 3; i++) {
                double expectedSlow = init[i] - 2 * 0.5 * 5 * 0.1 * cc[i];
                assertEquals(expectedSlow, slow[i], 1e-12);
                assertEquals(expectedSlow - 2 * 0.1 * cc[i], fast[i], 1e-12);
            }
            assertEquals(2, la.cyclePosition("w", CPU));
        }
    }

    @Test
    void resetReinitialisesTheInnerState() {
        try (Quadratic p = new Quadratic(); Quadratic q = new Quadratic()) {
            Adam inner = Adam.builder().optLearningRate(0.01).build();
            Lookahead la = Lookahead.builder().setInner(inner).optK(3).optAlpha(0.5)
                    .optInnerState(InnerState.RESET).build();
            for (int t = 1; t <= 3; t++) {
                p.step(la, t);
            }
            assertEquals(0, inner.stepCount("w", CPU));
            assertTrue(inner.momentumBuffers("w", CPU).isEmpty());
            // step 4 must equal a fresh Adam's first step from the synced weights
            q.copyFrom(p);
            p.step(la, 4);
            q.step(Adam.builder().optLearningRate(0.01).build(), 4);
            assertArrayEquals(q.values(), p.values());
            assertEquals(1, inner.stepCount("w", CPU));
        }
    }

    @Test
    void pullbackAfterThreeSyncsMatchesTheFormula() {
        double lr = 0.05;
        double mu = 0.9;
        double alpha = 0.5;
        int k = 2;
        double[] w0 = {1.0, -0.5};
        double[] a = {0.8, 1.5};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(w0.clone());
            w.setRequiresGradient(true);
            Sgd inner = Sgd.builder().optLearningRate(lr).optMomentum(mu).build();
            Lookahead la = Lookahead.builder().setInner(inner).optK(k).optAlpha(alpha)
                    .optInnerState(InnerState.PULLBACK).build();
            // independent scalar simulation of the definition (separate m_slow, zeros at start)
            double[] theta = w0.clone();
            double[] slow = w0.clone();
            double[] m = new double[2];
            double[] mSlow = new double[2];
            // the aliasing bug: after the first sync m_slow IS m, so later syncs leave m as it is
            double[] thetaBug = w0.clone();
            double[] slowBug = w0.clone();
            double[] mBug = new double[2];
            boolean first = true;
            for (int t = 1; t <= 3 * k; t++) {
                double[] g = new double[2];
                for (int i = 0; i < 2; i++) {
                    g[i] = a[i] * theta[i];
                }
                try (NDArray grad = manager.create(g)) {
                    la.update("w", w, grad);
                }
                for (int i = 0; i < 2; i++) {
                    m[i] = first ? g[i] : mu * m[i] + g[i];
                    theta[i] -= lr * m[i];
                    double gBug = a[i] * thetaBug[i];
                    mBug[i] = first ? gBug : mu * mBug[i] + gBug;
                    thetaBug[i] -= lr * mBug[i];
                }
                first = false;
                if (t % k == 0) {
                    for (int i = 0; i < 2; i++) {
                        slow[i] += alpha * (theta[i] - slow[i]);
                        theta[i] = slow[i];
                        mSlow[i] += alpha * (m[i] - mSlow[i]);
                        m[i] = mSlow[i];
                        slowBug[i] += alpha * (thetaBug[i] - slowBug[i]);
                        thetaBug[i] = slowBug[i];
                        if (t == k) {
                            mBug[i] = alpha * mBug[i]; // first sync: m_slow = 0 + α(m − 0), then aliased
                        }
                    }
                }
            }
            double[] buffer = inner.momentumBuffers("w", CPU).get("momentum").toDoubleArray();
            assertArrayEquals(m, buffer, 1e-12);
            assertArrayEquals(theta, w.toDoubleArray(), 1e-12);
            // the separate snapshot is not the live buffer (no aliasing)
            NDArray snapshot = la.store.peek("w", CPU).tensor("pullback.momentum");
            assertArrayEquals(m, snapshot.toDoubleArray(), 1e-12);
            assertFalse(snapshot == inner.momentumBuffers("w", CPU).get("momentum"));
            // and the aliasing bug would give a clearly different buffer and weights
            for (int i = 0; i < 2; i++) {
                assertTrue(Math.abs(mBug[i] - buffer[i]) > 1e-4, "aliased m " + mBug[i] + " vs " + buffer[i]);
            }
            assertTrue(Math.abs(thetaBug[0] - w.toDoubleArray()[0]) > 1e-6);
        }
    }

    /**
     * Pullback over Adam: only the first moment m is pulled back (v and t are left alone), against an independent
     * scalar simulation of the definition, for Lookahead and TrajectoryLookahead (m = 1) alike.
     */
    @Test
    void pullbackOverAdamPullsTheFirstMomentOnly() {
        double lr = 0.03;
        double b1 = 0.9;
        double b2 = 0.99;
        double eps = 1e-8;
        double alpha = 0.7;
        int k = 3;
        double[] w0 = {0.8, -1.2, 0.3};
        double[] a = {1.1, 0.4, 2.0};
        for (boolean trajectory : new boolean[] {false, true}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray w = manager.create(w0.clone());
                w.setRequiresGradient(true);
                Adam inner = Adam.builder().optLearningRate(lr).optBeta1(b1).optBeta2(b2).optEpsilon(eps).build();
                Optimizer la = trajectory
                        ? TrajectoryLookahead.builder().setInner(inner).optK(k).optM(1).optAlpha(alpha)
                                .optInnerState(InnerState.PULLBACK).build()
                        : Lookahead.builder().setInner(inner).optK(k).optAlpha(alpha)
                                .optInnerState(InnerState.PULLBACK).build();
                double[] theta = w0.clone();
                double[] slow = w0.clone();
                double[] m = new double[3];
                double[] v = new double[3];
                double[] mSlow = new double[3];
                for (int t = 1; t <= 4 * k + 1; t++) {
                    double[] g = new double[3];
                    for (int i = 0; i < 3; i++) {
                        g[i] = a[i] * (theta[i] - 0.5) + 0.1 * Math.sin(t + i);
                    }
                    try (NDArray grad = manager.create(g)) {
                        la.update("w", w, grad);
                    }
                    for (int i = 0; i < 3; i++) {
                        m[i] = b1 * m[i] + (1 - b1) * g[i];
                        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                        double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                        theta[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
                    }
                    if (t % k == 0) {
                        for (int i = 0; i < 3; i++) {
                            slow[i] += alpha * (theta[i] - slow[i]);
                            theta[i] = slow[i];
                            mSlow[i] += alpha * (m[i] - mSlow[i]);
                            m[i] = mSlow[i];
                        }
                    }
                    String where = (trajectory ? "trajectoryLookahead" : "lookahead") + " step " + t;
                    assertArrayEquals(theta, w.toDoubleArray(), 1e-12, where);
                    assertArrayEquals(m, inner.stateTensors("w", CPU).get("m").toDoubleArray(), 1e-12, where);
                    assertArrayEquals(v, inner.stateTensors("w", CPU).get("v").toDoubleArray(), 1e-12, where);
                    assertEquals(t, inner.stepCount("w", CPU), where);
                }
            }
        }
    }

    @Test
    void pullbackWithoutMomentumBufferIsAnError() {
        Optimizer noMomentum = Sgd.builder().optLearningRate(0.1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lookahead.builder()
                .setInner(noMomentum).optInnerState(InnerState.PULLBACK).build());
        assertTrue(e.getMessage().contains("pullback"), e.getMessage());
    }

    @Test
    void foreignInnerWorksWithoutInnerStateAndRejectsResetAndPullback() {
        Optimizer djlAdam = Optimizer.adam().build();
        assertThrows(IllegalStateException.class, () -> Lookahead.builder().setInner(djlAdam)
                .optInnerState(InnerState.RESET).build());
        assertThrows(IllegalStateException.class, () -> Lookahead.builder().setInner(djlAdam)
                .optInnerState(InnerState.PULLBACK).build());
        try (Quadratic p = new Quadratic(DataType.FLOAT32)) {
            double[] before = p.values();
            Lookahead la = Lookahead.builder().setInner(Optimizer.adam().build()).optK(2).build();
            for (int t = 1; t <= 4; t++) {
                p.step(la, t);
            }
            assertFalse(java.util.Arrays.equals(before, p.values()));
            assertThrows(IllegalStateException.class, () -> la.saveState(new java.io.ByteArrayOutputStream(), id -> id));
        }
    }

    @Test
    void parametersWithoutGradientAreLeftAloneAndSwapIsExact() {
        try (Quadratic p = new Quadratic()) {
            double[] bBefore = p.values("b");
            Lookahead la = Lookahead.builder().setInner(Adam.builder().optLearningRate(0.01).build())
                    .optK(3).build();
            for (int t = 1; t <= 7; t++) {
                p.step(la, t, "w");
            }
            assertArrayEquals(bBefore, p.values("b"));
            assertTrue(la.slowWeight("b").isEmpty());
            double[] fast = p.values("w");
            double[] slow = la.slowWeight("w").orElseThrow().toDoubleArray();
            SlowWeights found = SlowWeights.find(la).orElseThrow();
            try (SlowWeightsSwap swap = found.swapInSlowWeights()) {
                assertArrayEquals(slow, p.values("w"));
                assertArrayEquals(bBefore, p.values("b"));
            }
            assertArrayEquals(fast, p.values("w"));
        }
    }

    @Test
    void slowWeightsAreFoundThroughWrappers() {
        Lookahead la = Lookahead.builder().setInner(Adam.builder().build()).build();
        Optimizer outer = WeightTrajectoryLR.builder().setInner(la).optBeta(0.1).build();
        assertEquals(la, SlowWeights.find(outer).orElseThrow());
        assertTrue(SlowWeights.find(Adam.builder().build()).isEmpty());
    }
}
