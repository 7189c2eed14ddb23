package org.lookaheadlab.lab.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HolmCorrectionTest {

    @Test
    void handCheckedFamilyInInputOrder() {
        // sorted 0.01, 0.03, 0.04 -> 3*0.01 = 0.03, 2*0.03 = 0.06, max(0.06, 1*0.04) = 0.06
        // (R: p.adjust(c(0.01, 0.04, 0.03), "holm") gives 0.03 0.06 0.06)
        assertArrayEquals(new double[] {0.03, 0.06, 0.06}, HolmCorrection.adjust(new double[] {0.01, 0.04, 0.03}),
                1e-15);
    }

    @Test
    void capsAtOneAndKeepsSingleValues() {
        assertArrayEquals(new double[] {1.0, 1.0}, HolmCorrection.adjust(new double[] {0.6, 0.7}), 1e-15);
        assertArrayEquals(new double[] {0.02}, HolmCorrection.adjust(new double[] {0.02}), 0.0);
    }

    @Test
    void undefinedTestsStayNaNAndDoNotCount() {
        double[] adjusted = HolmCorrection.adjust(new double[] {0.02, Double.NaN, 0.01});
        assertArrayEquals(new double[] {0.02, Double.NaN, 0.02}, adjusted, 1e-15);
    }

    @Test
    void rejectsValuesOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> HolmCorrection.adjust(new double[] {1.5}));
    }
}
