package org.lookaheadlab.lab.train;

import org.lookaheadlab.optim.spec.OptimizerSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.ParameterList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Global-norm clipping against hand-computed values. */
class GradientClippingTest {

    @Test
    void scalesAllGradientsByTheSameFactorToTheMaximumNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            // global norm sqrt(3² + 4² + 12²) = 13
            NDArray a = m.create(new double[] {3, 4});
            NDArray b = m.create(new double[] {12});
            double before = GradientClipping.clipGlobalNorm(List.of(a, b), 1.3);
            assertEquals(13.0, before, 1e-12);
            double c = 1.3 / (13 + 1e-6);
            assertArrayEquals(new double[] {3 * c, 4 * c}, a.toDoubleArray(), 1e-12);
            assertArrayEquals(new double[] {12 * c}, b.toDoubleArray(), 1e-12);
            assertEquals(1.3, GradientClipping.globalNorm(List.of(a, b)), 1e-6);
        }
    }

    @Test
    void leavesGradientsWithinTheLimitUntouched() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {-0.3f, 0.4f});
            assertEquals(0.5, GradientClipping.clipGlobalNorm(List.of(a), 1.0), 1e-7);
            assertArrayEquals(new float[] {-0.3f, 0.4f}, a.toFloatArray());
        }
    }

    /**
     * The trainer applies the clipping to the gradient the optimizer sees: with plain SGD at lr 1 one step moves
     * the weights by −g, so a clipped step must be the unclipped step scaled by c / (‖g‖ + 1e-6), whose norm is
     * (up to the 1e-6) c. Float64, so the comparison is exact to rounding.
     */
    @Test
    void theTrainerClipsTheGlobalGradientNormBeforeTheOptimizerStep() {
        double maxNorm = 1e-2;
        double[] unclipped = firstStepDisplacement(0);
        double[] clipped = firstStepDisplacement(maxNorm);
        double gradNorm = norm(unclipped);
        assertTrue(gradNorm > 10 * maxNorm, "the test needs a gradient well above the limit, got " + gradNorm);
        double scale = maxNorm / (gradNorm + 1e-6);
        for (int i = 0; i < unclipped.length; i++) {
            assertEquals(unclipped[i] * scale, clipped[i], 1e-12, "displacement " + i);
        }
        assertEquals(maxNorm * gradNorm / (gradNorm + 1e-6), norm(clipped), 1e-12);
    }

    /** All parameters after one SGD(lr 1) step minus before it, in the block's parameter order. */
    private static double[] firstStepDisplacement(double gradClip) {
        EngineThreads.set(1);
        List<double[]> before = new ArrayList<>();
        List<double[]> after = new ArrayList<>();
        TrainSpec spec = TrainSpec.builder().model("mlp:6").optimizer(OptimizerSpec.of("sgd", 1.0)).steps(1)
                .batchSize(25).seed(3).gradClip(gradClip).evalEachEpoch(false).dtype(DataType.FLOAT64).build();
        new FairTrainer().train(TestData.splits(50, 10, 4, 3, 5), spec, new TrainListener() {
            ParameterList parameters;

            @Override
            public void onStart(ParameterList parameters, long firstStep, long totalSteps) {
                this.parameters = parameters;
                parameters.forEach(p -> before.add(p.getValue().getArray().toDoubleArray()));
            }

            @Override
            public void onStep(long step, long totalSteps, double loss) {
                parameters.forEach(p -> after.add(p.getValue().getArray().toDoubleArray()));
            }
        });
        int n = before.stream().mapToInt(a -> a.length).sum();
        double[] delta = new double[n];
        int k = 0;
        for (int p = 0; p < before.size(); p++) {
            for (int i = 0; i < before.get(p).length; i++) {
                delta[k++] = after.get(p)[i] - before.get(p)[i];
            }
        }
        return delta;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void rejectsANonPositiveLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGlobalNorm(List.of(), 0));
        assertEquals("maxNorm is 0.0, accepted range: a finite number > 0", e.getMessage());
    }
}
