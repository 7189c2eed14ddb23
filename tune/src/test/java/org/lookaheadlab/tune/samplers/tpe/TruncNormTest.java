package org.lookaheadlab.tune.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** Golden values from Optuna's own truncated-normal functions (specs/tpe.md §6) and commons-math3's erfc. */
class TruncNormTest {

    @Test
    void logMassMatchesOptuna() {
        assertEquals(-0.20016629432446262, TruncNorm.logMass(-1, 2), 1e-13);
        assertEquals(-765.0831565643776, TruncNorm.logMass(-40, -39), 1e-9);
        assertEquals(-765.0831565643776, TruncNorm.logMass(39, 40), 1e-9);
        assertEquals(-0.9599163336956222, TruncNorm.logMass(-0.5, 0.5), 1e-13);
        assertEquals(-15.06844609652945, TruncNorm.logMass(5, 6), 1e-11);
        assertEquals(0.0, TruncNorm.logMass(-30, 30), 1e-15);
    }

    @Test
    void truncatedPpfMatchesOptuna() {
        assertEquals(0.17116391801782488, TruncNorm.truncatedPpf(0.5, -1, 2), 1e-12);
        assertEquals(-0.7046478210947451, TruncNorm.truncatedPpf(0.1, -1, 2), 1e-12);
        assertEquals(1.8512240709778358, TruncNorm.truncatedPpf(0.9, 0.5, 3), 1e-12);
        assertEquals(-9.075779713738545, TruncNorm.truncatedPpf(0.5, -10, -9), 1e-10);
        assertEquals(9.039075518501106, TruncNorm.truncatedPpf(0.3, 9, 12), 1e-10);
        assertEquals(-1.0, TruncNorm.truncatedPpf(0.0, -1, 2));
        assertEquals(2.0, TruncNorm.truncatedPpf(1.0, -1, 2));
        assertEquals(Double.NaN, TruncNorm.truncatedPpf(0.5, 1, 1));
    }

    @Test
    void truncatedLogPdfMatchesOptuna() {
        assertEquals(-0.71877223888021, TruncNorm.truncatedLogPdf(0, -1, 2, 0, 1), 1e-12);
        assertEquals(-0.3592234403523372, TruncNorm.truncatedLogPdf(0.5, -2, 2, 0.2, 0.5), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, TruncNorm.truncatedLogPdf(3, -1, 2, 0, 1));
    }

    @Test
    void erfcAgreesWithCommonsMathOverTheRange() {
        for (double x = -6; x <= 26; x += 0.01) {
            double ref = Erf.erfc(x);
            assertEquals(ref, TruncNorm.erfc(x), Math.max(1e-15, 1e-12 * ref), "x=" + x);
        }
    }

    @Test
    void ppfInvertsCdfDownToTinyProbabilities() {
        for (double x = -37; x <= 0.5; x += 0.05) { // Φ near 1 cannot carry the digits
            double p = TruncNorm.cdf(x);
            assertEquals(x, TruncNorm.ppf(p), 1e-9 * Math.max(1, Math.abs(x)), "x=" + x);
        }
        assertEquals(1.959963984540054, TruncNorm.ppf(0.975), 1e-13);
        assertEquals(0.0, TruncNorm.ppf(0.5), 1e-15);
    }

    @Test
    void logCdfIsContinuousAcrossItsBranches() {
        assertEquals(Math.log(TruncNorm.cdf(-20.0001)), TruncNorm.logCdf(-20.0001), 1e-9);
        assertEquals(Math.log(TruncNorm.cdf(6.0001)), TruncNorm.logCdf(6.0001), 1e-15);
    }
}
