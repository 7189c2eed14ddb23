package org.lookaheadlab.lab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    @Test
    void handCheckedInterval() {
        // 1..5: mean 3, s = sqrt(2.5), t(0.975, 4) = 2.7764451, half width = 2.7764451 * sqrt(2.5) / sqrt(5)
        MeanInterval ci = MeanInterval.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(5, ci.n());
        assertEquals(3.0, ci.mean(), 1e-15);
        assertEquals(Math.sqrt(2.5), ci.sd(), 1e-15);
        assertEquals(2.7764451 * Math.sqrt(0.5), ci.halfWidth(), 1e-7);
        assertEquals(3 - ci.halfWidth(), ci.lower(), 1e-15);
    }

    @Test
    void agreesWithCommonsMathDescriptiveStatistics() {
        double[] x = {0.3172, 0.2981, 0.3305, 0.3090, 0.3011, 0.3246};
        DescriptiveStatistics reference = new DescriptiveStatistics(x);
        MeanInterval ci = MeanInterval.of(x);
        assertEquals(reference.getMean(), ci.mean(), 1e-15);
        assertEquals(reference.getStandardDeviation(), ci.sd(), 1e-15);
    }

    @Test
    void twoValuesUseTwelvePointSeven() {
        // t(0.975, 1) = 12.7062047; values 1 and 3: s = sqrt(2), half width = 12.7062047 * sqrt(2)/sqrt(2)
        assertEquals(12.7062047, MeanInterval.of(new double[] {1, 3}).halfWidth(), 1e-6);
    }

    @Test
    void singleValueHasNoInterval() {
        MeanInterval ci = MeanInterval.of(new double[] {0.7});
        assertEquals(0.7, ci.mean());
        assertTrue(Double.isNaN(ci.halfWidth()));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.of(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeanInterval.of(new double[] {1, 2}, 1.5));
        assertTrue(e.getMessage().contains("confidence is 1.5"), e.getMessage());
    }
}
