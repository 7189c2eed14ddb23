package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link NumpyNumerics}, {@link LinearResampler} and {@link GaussianFilter1d} against outputs of NumPy 2.4.6 /
 * SciPy 1.17.1 ({@code np.sum}, {@code np.mean}, {@code np.std}, {@code np.linspace},
 * {@code interp1d(kind='linear')}, {@code scipy.ndimage.gaussian_filter(x, 2)}) recorded as literals.
 */
class NumericsTest {

    /** a[i] = (−1)^i·10^(i mod 17) + i/3: sums whose value depends on the summation order. */
    private static double[] orderSensitive(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = ((i % 2 == 0) ? 1.0 : -1.0) * Math.pow(10.0, i % 17) + i / 3.0;
        }
        return a;
    }

    @Test
    void pairwiseSumMatchesNumpyForEveryBranch() {
        double[] a = orderSensitive(300);
        assertEquals(0x1.bbe5400000000p+19, NumpyNumerics.pairwiseSum(a, 0, 7));
        assertEquals(-0x1.156ea75555555p+23, NumpyNumerics.pairwiseSum(a, 0, 8));
        assertEquals(0x1.5aca6bc000000p+26, NumpyNumerics.pairwiseSum(a, 0, 9));
        assertEquals(0x1.026111b8645e8p+53, NumpyNumerics.pairwiseSum(a, 0, 17));
        assertEquals(0x1.0261118d0b64ep+53, NumpyNumerics.pairwiseSum(a, 0, 128));
        assertEquals(0x1.02611369e1b65p+53, NumpyNumerics.pairwiseSum(a, 0, 129));
        assertEquals(0x1.026100c984133p+53, NumpyNumerics.pairwiseSum(a, 0, 300));
        double sequential = 0;
        for (double v : a) {
            sequential += v;
        }
        assertNotEquals(sequential, NumpyNumerics.pairwiseSum(a, 0, 300), "the order must matter for this input");
        assertEquals(0x1.b8f778cf631d5p+44, NumpyNumerics.mean(a));
        assertEquals(0x1.0ff869cea1959p+51, NumpyNumerics.std(a));
    }

    @Test
    void linspaceMatchesNumpy() {
        assertArrayEquals(new double[] {-0.5, -0.33333333333333337, -0.16666666666666669, 0.0, 0.16666666666666663,
            0.33333333333333326, 0.5}, NumpyNumerics.linspace(-0.5, 0.5, 7));
    }

    @Test
    void resamplingMatchesInterp1dIncludingExactKnots() {
        double[] y = {0.0, 1.0, -2.0, 0.5, 3.0};
        assertArrayEquals(new double[] {0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 2.220446049250313e-16,
            -0.9999999999999996, -2.0, -1.1666666666666674, -0.3333333333333337, 0.5, 1.3333333333333326,
            2.166666666666666, 3.0}, new LinearResampler(5, 13).resample(y));
        double[] y2 = new double[9];
        for (int i = 0; i < 9; i++) {
            y2[i] = Math.sin(i);
        }
        assertArrayEquals(new double[] {0.0, 0.3971791476484722, -0.7324213491750677, 0.9893582466233818},
                new LinearResampler(9, 4).resample(y2));
    }

    @Test
    void resamplingOntoTheSameGridIsTheIdentity() {
        double[] y = orderSensitive(30);
        assertArrayEquals(y, new LinearResampler(30, 30).resample(y));
    }

    /** The hard-coded taps are exp(−k²/8) / S with S the sum of the 17 unnormalised taps (spec §3.4). */
    @Test
    void tapsAreTheNormalisedSigma2Kernel() {
        double[] phi = new double[17];
        for (int k = -8; k <= 8; k++) {
            phi[k + 8] = Math.exp((-0.5 / 4.0) * k * k);
        }
        double s = NumpyNumerics.pairwiseSum(phi, 0, 17);
        assertEquals(5.013168393599853, s);
        for (int k = -8; k <= 8; k++) {
            assertEquals(phi[k + 8] / s, GaussianFilter1d.tap(k), "tap " + k);
        }
    }

    @Test
    void reflectBoundaryIsHalfSampleSymmetricAndPeriodic() {
        int n = 4; // from index -8: a b c d | d c b a | a b c d | d c b a (SciPy's NI_ExtendLine, reflect)
        int[] expected = {0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0};
        for (int i = -8; i < 8; i++) {
            assertEquals(expected[i + 8], GaussianFilter1d.reflect(i, n), "index " + i);
        }
        assertEquals(0, GaussianFilter1d.reflect(-1, n));
        assertEquals(3, GaussianFilter1d.reflect(-4, n));
        assertEquals(3, GaussianFilter1d.reflect(-5, n));
        assertEquals(0, GaussianFilter1d.reflect(-8, n));
        assertEquals(0, GaussianFilter1d.reflect(-9, n));
        assertEquals(3, GaussianFilter1d.reflect(4, n));
        assertEquals(0, GaussianFilter1d.reflect(7, n));
        assertEquals(0, GaussianFilter1d.reflect(8, n));
        assertEquals(3, GaussianFilter1d.reflect(11, n));
        assertEquals(0, GaussianFilter1d.reflect(5, 1));
    }

    @Test
    void filterMatchesScipyOnShortAndLongSignals() {
        assertFilter(new double[] {-1.5});
        assertFilter(new double[] {-0.38309267681542136, -0.36690732318457864});
        assertFilter(new double[] {0.35875746497589883, 0.6392772633899211, 1.042508141475792, 1.3869611367335077,
            1.5724959934248806});
        assertFilter(new double[] {0.3338825444463069, 0.5827415815664652, 0.9265526983737618, 1.2207855745996143,
            1.454133321923767, 1.7022452159474204, 1.9989171437003586, 2.292324121679467, 2.526238400123429,
            2.723761599876571, 2.9574918585242083, 3.25, 3.542692161272117, 3.7773212564230705, 3.979008242453359,
            4.227120136477012, 4.555452825523815, 4.908463584577822, 5.193496818556964, 5.347370913954473});
    }

    /** Input x[i] = ((7i) mod 5) − 1.5 + i/4 of the expected output's length. */
    private static void assertFilter(double[] expected) {
        int n = expected.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = ((i * 7) % 5) - 1.5 + i * 0.25;
        }
        double[] out = new double[n];
        new GaussianFilter1d(n).apply(x, out);
        // SciPy's taps come from NumPy's SIMD exp, which differs from libm in the last bit of taps 1 and 5
        assertArrayEquals(expected, out, 4e-15);
    }
}
