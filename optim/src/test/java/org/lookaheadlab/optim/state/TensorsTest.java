package org.lookaheadlab.optim.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The tensor helpers of the optimizers' hot paths against closed forms: exact squared distances (differences
 * chosen as small binary fractions, so every sum is exact), exact in-place copies, and cached scalars that give
 * the same bits as the engine's own {@code mul(double)} / {@code div(double)}.
 */
class TensorsTest {

    /** a = 0.5·i, b = a − dᵢ with dᵢ = (i mod 5 − 2)/8: Σ dᵢ² is exact in float32 and float64. */
    private static double[][] pair(int n) {
        double[] a = new double[n];
        double[] b = new double[n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            double d = ((i % 5) - 2) / 8.0;
            a[i] = 0.5 * i;
            b[i] = a[i] - d;
            expected += d * d;
        }
        return new double[][] {a, b, {expected}};
    }

    @Test
    void squaredDistanceIsExactInBothDtypesAndEverySize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                for (int n : new int[] {1, 7, 8, 13, 4000}) { // below, at and past the 8-wide blocks, with tails
                    double[][] p = pair(n);
                    NDArray a = manager.create(p[0]).toType(dtype, false);
                    NDArray b = manager.create(p[1]).toType(dtype, false);
                    assertEquals(p[2][0], Tensors.squaredDistance(a, b), 0.0, dtype + " n=" + n);
                }
            }
        }
    }

    @Test
    void squaredDistancePairsElementsByLogicalPositionForANonContiguousView() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] a = new double[16];
            double[] b = new double[16];
            for (int i = 0; i < 16; i++) {
                a[i] = i;
                b[i] = 100 - i;
            }
            double expected = 0; // Σ over (r, c) of (aᵀ[r][c] − b[r][c])² = (a[c][r] − b[r][c])²
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    double d = a[c * 4 + r] - b[r * 4 + c];
                    expected += d * d;
                }
            }
            NDArray at = manager.create(a).toType(DataType.FLOAT32, false).reshape(4, 4).transpose();
            NDArray bm = manager.create(b).toType(DataType.FLOAT32, false).reshape(4, 4);
            int before = manager.getManagedArrays().size();
            assertEquals(expected, Tensors.squaredDistance(at, bm), 0.0);
            assertEquals(before, manager.getManagedArrays().size(), "the contiguous copy must be freed");
        }
    }

    @Test
    void squaredDistanceToHostValuesIsExactAndNeedsFloat32OnTheCpu() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int n : new int[] {1, 7, 8, 13, 4000}) {
                double[][] p = pair(n);
                NDArray a = manager.create(p[0]).toType(DataType.FLOAT32, false);
                NDArray b = manager.create(p[1]).toType(DataType.FLOAT32, false);
                float[] hostB = Tensors.floatValues(b);
                assertEquals(p[2][0], Tensors.squaredDistance(a, hostB), 0.0, "n=" + n);
            }
            NDArray f64 = manager.create(new double[] {1, 2});
            assertThrows(IllegalArgumentException.class, () -> Tensors.floatValues(f64));
            assertThrows(IllegalArgumentException.class, () -> Tensors.squaredDistance(f64, new float[2]));
        }
    }

    @Test
    void squaredDistanceToHostValuesPairsByLogicalPositionForANonContiguousView() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] a = new double[16];
            for (int i = 0; i < 16; i++) {
                a[i] = i;
            }
            float[] b = new float[16];
            double expected = 0;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    b[r * 4 + c] = r * 4 + c; // logical position (r, c) of aᵀ holds a[c][r] = 4c + r
                    double d = (c * 4 + r) - (r * 4 + c);
                    expected += d * d;
                }
            }
            NDArray at = manager.create(a).toType(DataType.FLOAT32, false).reshape(4, 4).transpose();
            int before = manager.getManagedArrays().size();
            assertEquals(expected, Tensors.squaredDistance(at, b), 0.0);
            assertEquals(before, manager.getManagedArrays().size(), "the contiguous copy must be freed");
        }
    }

    @Test
    void copyIntoCopiesEveryBitInPlace() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] values = {-0.0, Double.NaN, Double.POSITIVE_INFINITY, 1e-310, -3.25};
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray source = manager.create(values).toType(dtype, false);
                NDArray target = manager.zeros(new Shape(values.length), dtype);
                NDArray same = target;
                Tensors.copyInto(source, target);
                assertSame(same, target);
                assertArrayEquals(source.toByteArray(), target.toByteArray(), dtype.toString());
            }
        }
    }

    @Test
    void cachedScalarsGiveTheBitsOfTheEnginesOwnScalarOps() {
        try (NDManager manager = NDManager.newBaseManager(); Scalars third = new Scalars(0.3)) {
            for (DataType dtype : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                NDArray x = manager.randomNormal(0, 1, new Shape(257), dtype);
                assertEquals(dtype, third.on(x).getDataType());
                assertArrayEquals(x.mul(0.3).toByteArray(), x.mul(third.on(x)).toByteArray(), dtype + " mul");
                assertArrayEquals(x.div(0.3).toByteArray(), x.div(third.on(x)).toByteArray(), dtype + " div");
            }
        }
    }
}
