package org.lookaheadlab.lab.data;

/**
 * The NumPy reductions and grids the mnist1d generator relies on, rounded exactly as NumPy rounds them
 * ({@code shared/specs/mnist1d.md} §3.1, §3.7, §3.8).
 *
 * <ul>
 *   <li>{@link #pairwiseSum}: NumPy's float64 add-reduce. {@code n < 8}: sequential from 0.0; {@code n ≤ 128}:
 *       eight running accumulators {@code r[j] += a[i+j]}, combined as {@code ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))},
 *       then the leftover elements added in order; otherwise split at {@code n2 = n/2 − (n/2 mod 8)} and add the
 *       two halves' sums.</li>
 *   <li>{@link #mean}: {@code (0.0 + pairwiseSum(v)) / n}. {@link #std} (ddof 0):
 *       {@code sqrt((0.0 + pairwiseSum(q)) / n)} with {@code q_i = (v_i − m)·(v_i − m)}, {@code m = mean(v)}.</li>
 *   <li>{@link #linspace}: {@code step = (b−a)/(n−1)}, {@code v_i = i·step + a}, the last value exactly {@code b}.</li>
 * </ul>
 */
public final class NumpyNumerics {

    private static final int BLOCK = 128;

    private NumpyNumerics() {}

    /** NumPy's pairwise sum of {@code a[from .. from+n)} (float64 add-reduce of a contiguous block). */
    public static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int limit = n - (n % 8);
            int i = 8;
            for (; i < limit; i += 8) {
                int p = from + i;
                r0 += a[p];
                r1 += a[p + 1];
                r2 += a[p + 2];
                r3 += a[p + 3];
                r4 += a[p + 4];
                r5 += a[p + 5];
                r6 += a[p + 6];
                r7 += a[p + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    /** NumPy's {@code mean()} of a whole contiguous array. */
    public static double mean(double[] v) {
        if (v.length == 0) {
            throw new IllegalArgumentException("mean of an empty array is undefined (length must be >= 1)");
        }
        return (0.0 + pairwiseSum(v, 0, v.length)) / v.length;
    }

    /** NumPy's {@code std()} (ddof 0) of a whole contiguous array. */
    public static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt((0.0 + pairwiseSumOfSquares(v, 0, v.length, m)) / v.length);
    }

    /**
     * {@link #pairwiseSum} of {@code q_i = (a_i − m)·(a_i − m)} over {@code a[from .. from+n)}, without
     * materialising {@code q}: the same values summed in the same order.
     */
    static double pairwiseSumOfSquares(double[] a, int from, int n, double m) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += sq(a[from + i], m);
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = sq(a[from], m);
            double r1 = sq(a[from + 1], m);
            double r2 = sq(a[from + 2], m);
            double r3 = sq(a[from + 3], m);
            double r4 = sq(a[from + 4], m);
            double r5 = sq(a[from + 5], m);
            double r6 = sq(a[from + 6], m);
            double r7 = sq(a[from + 7], m);
            int limit = n - (n % 8);
            int i = 8;
            for (; i < limit; i += 8) {
                int p = from + i;
                r0 += sq(a[p], m);
                r1 += sq(a[p + 1], m);
                r2 += sq(a[p + 2], m);
                r3 += sq(a[p + 3], m);
                r4 += sq(a[p + 4], m);
                r5 += sq(a[p + 5], m);
                r6 += sq(a[p + 6], m);
                r7 += sq(a[p + 7], m);
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += sq(a[from + i], m);
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSumOfSquares(a, from, n2, m) + pairwiseSumOfSquares(a, from + n2, n - n2, m);
    }

    private static double sq(double v, double m) {
        double d = v - m;
        return d * d;
    }

    /** NumPy's {@code linspace(a, b, n)} with the endpoint, for {@code n ≥ 2}. */
    public static double[] linspace(double a, double b, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("linspace needs n >= 2 points, got " + n);
        }
        double step = (b - a) / (n - 1);
        double[] out = new double[n];
        for (int i = 0; i < n - 1; i++) {
            out[i] = i * step + a;
        }
        out[n - 1] = b;
        return out;
    }
}
