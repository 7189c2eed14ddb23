package org.lookaheadlab.optim.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour shared by all base optimizers: trackers with per-parameter t, symmetric clipping, rescaling. */
class BaseOptimizerBehaviourTest {

    @Test
    void trackerIsAskedWithEachParametersOwnStepCount() {
        List<String> asked = new ArrayList<>();
        Sgd sgd = Sgd.builder().optLearningRateTracker((id, t) -> {
            asked.add(id + "@" + t);
            return 0.5f / t;
        }).build();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new double[] {1.0});
            NDArray b = m.create(new double[] {1.0});
            NDArray g = m.create(new double[] {1.0});
            sgd.update("a", a, g);
            sgd.update("a", a, g);
            sgd.update("a", a, g);
            sgd.update("b", b, g);
            assertEquals(List.of("a@1", "a@2", "a@3", "b@1"), asked);
            assertEquals(1.0 - 0.5 - 0.25 - 0.5f / 3, a.getDouble(), 1e-7);
            assertEquals(0.5, b.getDouble(), 1e-7);
            assertEquals(3, sgd.stepCount("a", Device.cpu()));
            assertEquals(1, sgd.stepCount("b", Device.cpu()));
        }
    }

    @Test
    void clippingIsSymmetricAndRescalingComesFirst() {
        Sgd sgd = Sgd.builder().optLearningRate(1.0).setRescaleGrad(2f).optClipGrad(1f).build();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new double[] {0, 0, 0, 0});
            NDArray g = m.create(new double[] {-5, 5, 0.25, -0.4});
            sgd.update("w", w, g);
            // rescale: {-10, 10, 0.5, -0.8}; clip to [-1, 1]: {-1, 1, 0.5, -0.8}; θ ← −g
            assertArrayEquals(new double[] {1, -1, -0.5, 0.8}, w.toDoubleArray(), 1e-12);
        }
    }

    /**
     * The fused float32 Adam kernel and the op-by-op float32 rule both follow the float64 rule to float32
     * accuracy over 25 steps.
     */
    @Test
    void fusedFloat32AdamFollowsTheRule() {
        for (boolean decoupled : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                float[] init = {0.5f, -1.5f, 2.0f, 0.1f};
                NDArray fused = m.create(init);
                fused.setRequiresGradient(true); // has a gradient: fast path
                NDArray plain = m.create(init); // no gradient: op-by-op path
                NDArray exact = m.create(init).toType(DataType.FLOAT64, false); // float64: op-by-op path
                AbstractAdam[] opts = new AbstractAdam[3];
                for (int i = 0; i < 3; i++) {
                    opts[i] = decoupled ? AdamW.builder().optLearningRate(0.05).optWeightDecay(0.1).build()
                            : Adam.builder().optLearningRate(0.05).optWeightDecay(0.1).build();
                }
                for (int t = 1; t <= 25; t++) {
                    float[] g = {(float) Math.sin(t), 0.3f * t % 1.7f - 0.8f, -0.37f, (float) Math.cos(3 * t)};
                    try (NDArray g1 = m.create(g); NDArray g2 = m.create(g);
                            NDArray g3 = m.create(g).toType(DataType.FLOAT64, false)) {
                        opts[0].update("w", fused, g1);
                        opts[1].update("w", plain, g2);
                        opts[2].update("w", exact, g3);
                    }
                }
                double[] truth = exact.toDoubleArray();
                float[] x = fused.toFloatArray();
                float[] y = plain.toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    String where = (decoupled ? "AdamW" : "Adam") + " element " + i;
                    assertEquals(truth[i], x[i], 1e-5 * Math.max(1, Math.abs(truth[i])), "fused " + where);
                    assertEquals(truth[i], y[i], 1e-5 * Math.max(1, Math.abs(truth[i])), "op-by-op " + where);
                }
            }
        }
    }
}
