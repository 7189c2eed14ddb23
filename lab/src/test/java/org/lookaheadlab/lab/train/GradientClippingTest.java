package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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

    @Test
    void rejectsANonPositiveLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGlobalNorm(List.of(), 0));
        assertEquals("maxNorm is 0.0, accepted range: a finite number > 0", e.getMessage());
    }
}
