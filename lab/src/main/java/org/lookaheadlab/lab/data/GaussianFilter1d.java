package org.lookaheadlab.lab.data;

/**
 * {@code scipy.ndimage.gaussian_filter(noise, sigma=2)} on a 1-D float64 signal, as mnist1d's correlated noise
 * uses it ({@code shared/specs/mnist1d.md} §3.4), rounded exactly as SciPy rounds it.
 *
 * <ul>
 *   <li>Kernel: radius {@code r = int(4.0·2.0 + 0.5) = 8}, taps {@code w_k = exp(−k²/8) / S} for
 *       {@code k = −8..8}, {@code S} the sum of the 17 unnormalised taps. The taps are hard-coded as the exact
 *       doubles (NumPy's SIMD {@code exp} and libm disagree in the last bit of two of them).</li>
 *   <li>Boundary "reflect" (half-sample symmetric, {@code d c b a | a b c d | d c b a}), periodic with period
 *       {@code 2n}: an index {@code i} folds to {@code i mod 2n}, and an index {@code ≥ n} then maps to
 *       {@code 2n − 1 − i}.</li>
 *   <li>Accumulation (SciPy's symmetric-kernel loop): {@code acc = x[l]·w0}; then for {@code d = 8, 7, …, 1}:
 *       {@code acc += (x[l−d] + x[l+d])·w_d}.</li>
 * </ul>
 */
public final class GaussianFilter1d {

    /** Radius of the sigma-2 kernel. */
    public static final int RADIUS = 8;

    /** Normalised taps w_0 .. w_8 of the sigma-2, truncate-4 Gaussian kernel (w_{−k} = w_k). */
    private static final double[] TAPS = {
        0x1.98862a07ae7b4p-3,
        0x1.68856f9ab1983p-3,
        0x1.ef9093fc46e5ap-4,
        0x1.0941b71ceef37p-4,
        0x1.ba4d4125ffd2ap-6,
        0x1.1f30504e20207p-7,
        0x1.227362b5fc92dp-9,
        0x1.c98b8c5d0dda5p-12,
        0x1.18aad19e4159bp-14,
    };

    private final int length;
    private final double[] extended;

    /** A filter for signals of {@code length ≥ 1} points; it reuses one work buffer. */
    public GaussianFilter1d(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be >= 1, got " + length);
        }
        this.length = length;
        this.extended = new double[length + 2 * RADIUS];
    }

    /** The kernel tap w_k for {@code |k| ≤ 8}. */
    public static double tap(int k) {
        int a = Math.abs(k);
        if (a > RADIUS) {
            throw new IllegalArgumentException("tap index |k| must be <= " + RADIUS + ", got " + k);
        }
        return TAPS[a];
    }

    /** Index {@code i} (possibly outside {@code [0, n)}) mapped into the signal by the reflect rule. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int r = Math.floorMod(i, period);
        return r < n ? r : period - 1 - r;
    }

    /** Filters {@code in[0..length)} into {@code out[0..length)}; {@code in} and {@code out} may not alias. */
    public void apply(double[] in, double[] out) {
        double[] e = extended;
        for (int i = -RADIUS; i < length + RADIUS; i++) {
            e[i + RADIUS] = in[reflect(i, length)];
        }
        double w0 = TAPS[0];
        double w1 = TAPS[1];
        double w2 = TAPS[2];
        double w3 = TAPS[3];
        double w4 = TAPS[4];
        double w5 = TAPS[5];
        double w6 = TAPS[6];
        double w7 = TAPS[7];
        double w8 = TAPS[8];
        for (int l = 0; l < length; l++) {
            int c = l + RADIUS;
            double acc = e[c] * w0;
            acc += (e[c - 8] + e[c + 8]) * w8;
            acc += (e[c - 7] + e[c + 7]) * w7;
            acc += (e[c - 6] + e[c + 6]) * w6;
            acc += (e[c - 5] + e[c + 5]) * w5;
            acc += (e[c - 4] + e[c + 4]) * w4;
            acc += (e[c - 3] + e[c + 3]) * w3;
            acc += (e[c - 2] + e[c + 2]) * w2;
            acc += (e[c - 1] + e[c + 1]) * w1;
            out[l] = acc;
        }
    }
}
