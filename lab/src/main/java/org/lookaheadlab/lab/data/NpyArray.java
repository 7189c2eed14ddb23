package org.lookaheadlab.lab.data;

import java.util.Arrays;

/**
 * An array read from a NumPy {@code .npy} file, in C (row-major) order. Floating-point files
 * ({@code float32}, {@code float64}) fill {@link #doubles()}; {@code int64} files fill {@link #longs()}; the
 * other of the two is {@code null}.
 *
 * @param dtype the file's {@code descr}, e.g. {@code <f8}
 * @param shape the array shape (empty for a scalar)
 * @param doubles the values of a float32/float64 array, widened to double, else {@code null}
 * @param longs the values of an int64 array, else {@code null}
 */
public record NpyArray(String dtype, long[] shape, double[] doubles, long[] longs) {

    /** Number of elements: the product of the shape. */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Whether the array holds integers ({@code int64}). */
    public boolean isInteger() {
        return longs != null;
    }

    /** The value at flat index {@code i}, as a double. */
    public double getDouble(int i) {
        return longs != null ? (double) longs[i] : doubles[i];
    }

    /**
     * The array as rows: the first axis indexes samples, the remaining axes are flattened (row-major) into each
     * row. A 1-D array gives one value per row.
     *
     * @throws IllegalArgumentException for a 0-d (scalar) array
     */
    public double[][] toRows() {
        if (shape.length == 0) {
            throw new IllegalArgumentException("a 0-d (scalar) array has no rows; expected at least 1 dimension");
        }
        int rows = (int) shape[0];
        int width = rows == 0 ? 0 : (int) (size() / rows);
        double[][] out = new double[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                out[r][j] = getDouble(r * width + j);
            }
        }
        return out;
    }

    /** The shape of one row of {@link #toRows()}: the shape without its first axis ({@code {1}} for 1-D). */
    public long[] rowShape() {
        return shape.length <= 1 ? new long[] {1} : Arrays.copyOfRange(shape, 1, shape.length);
    }

    /**
     * The array as class labels: a 1-D array of integers in [0, 2³¹). Float arrays are accepted when every
     * value is an integer.
     *
     * @throws IllegalArgumentException naming the first offending index and value
     */
    public int[] toLabels() {
        if (shape.length != 1) {
            throw new IllegalArgumentException("labels must be a 1-D array, got shape " + Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double v = getDouble(i);
            long l = longs != null ? longs[i] : (long) v;
            if (l < 0 || l > Integer.MAX_VALUE || (longs == null && v != Math.rint(v))) {
                throw new IllegalArgumentException("label at index " + i + " is " + (longs != null ? l : v)
                        + ", accepted: integers in [0, " + Integer.MAX_VALUE + "]");
            }
            out[i] = (int) l;
        }
        return out;
    }
}
