package org.lookaheadlab.lab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.Test;

class PairedTestTest {

    // Student's sleep data (Cushny & Peebles 1905): extra hours of sleep of 10 patients under two drugs.
    // R: t.test(group1, group2, paired = TRUE) -> t = -4.0621, df = 9, p-value = 0.002833,
    //    95% CI of the mean difference (-2.4598858, -0.7001142), mean difference -1.58.
    private static final double[] DRUG2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
    private static final double[] DRUG1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};

    @Test
    void sleepDataMatchesPublishedPairedTTest() {
        PairedTest test = PairedTest.of(DRUG2, DRUG1);
        assertEquals(10, test.n());
        assertEquals(-1.58, test.meanDifference(), 1e-12);
        assertEquals(-4.0621, test.t(), 5e-5);
        assertEquals(0.002833, test.pValue(), 5e-7);
        assertEquals(-2.4598858, test.difference().lower(), 1e-7);
        assertEquals(-0.7001142, test.difference().upper(), 1e-7);
        assertTrue(test.significant());
    }

    @Test
    void pValuesAgreeWithCommonsMath() {
        double[] a = {0.51, 0.47, 0.55, 0.49, 0.53, 0.50, 0.46};
        double[] b = {0.50, 0.49, 0.52, 0.47, 0.54, 0.47, 0.45};
        PairedTest test = PairedTest.of(a, b);
        assertEquals(new TTest().pairedTTest(b, a), test.pValue(), 1e-12);
        assertEquals(Math.abs(new TTest().pairedT(b, a)), Math.abs(test.t()), 1e-12);
        assertEquals(new WilcoxonSignedRankTest().wilcoxonSignedRankTest(b, a, true), test.wilcoxonPValue(), 1e-12);
    }

    @Test
    void wilcoxonExactValuesByHand() {
        // all five differences positive: W- = 0, two-sided exact p = 2 * 1/2^5
        assertEquals(2.0 / 32, PairedTest.of(new double[5], new double[] {1, 2, 3, 4, 5}).wilcoxonPValue(), 1e-12);
        // two seeds can never reach significance with Wilcoxon: p = 2 * 1/2^2
        assertEquals(0.5, PairedTest.of(new double[] {0, 0}, new double[] {1, 3}).wilcoxonPValue(), 1e-12);
        // zero differences are dropped: 3 positive non-zero pairs -> 2/8
        assertEquals(0.25, PairedTest.of(new double[] {0, 0, 0, 0}, new double[] {0, 1, 2, 3}).wilcoxonPValue(), 1e-12);
    }

    @Test
    void degenerateCases() {
        PairedTest same = PairedTest.of(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(1.0, same.pValue());
        assertEquals(0.0, same.t());
        assertFalse(same.significant());

        PairedTest constantShift = PairedTest.of(new double[] {1, 2, 3}, new double[] {2, 3, 4});
        assertTrue(Double.isNaN(constantShift.pValue()));
        assertFalse(constantShift.significant());

        PairedTest single = PairedTest.of(new double[] {1}, new double[] {2});
        assertTrue(Double.isNaN(single.pValue()));
        assertEquals(1.0, single.meanDifference());
    }

    @Test
    void rejectsMismatchedOrNonFiniteInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedTest.of(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("baseline has 2 values but contender has 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PairedTest.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
