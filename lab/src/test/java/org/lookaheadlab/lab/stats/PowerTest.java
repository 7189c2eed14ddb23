package org.lookaheadlab.lab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PowerTest {

    // Reference values: scipy 1.17 (stats.nct sf + cdf, both tails, and a quad integral over the chi density where
    // nct fails), and R's documented power.t.test(n = 20, delta = 1) = 0.8689528 (upper tail only; the lower tail
    // adds 2e-7): a two-sample test with df = 38 and ncp = √10.
    @Test
    void powerMatchesPublishedValues() {
        assertEquals(0.8030968566327219, Power.twoSidedT(Math.sqrt(10), 9, 0.05), 1e-9);
        assertEquals(0.6192614594023306, Power.twoSidedT(3.0, 4, 0.05), 1e-9);
        assertEquals(0.8689528, Power.twoSidedT(Math.sqrt(10), 38, 0.05), 1e-6);
        assertEquals(0.05, Power.twoSidedT(0, 4, 0.05), 1e-9, "no difference: the level itself");
    }

    @Test
    void detectableEffectsMatchScipy() {
        assertEquals(11.549888435882497, Power.detectableEffect(2, 0.05, 0.8), 1e-6);
        assertEquals(3.2640435496995734, Power.detectableEffect(3, 0.05, 0.8), 1e-7);
        assertEquals(1.6819969659555551, Power.detectableEffect(5, 0.05, 0.8), 1e-7);
        assertEquals(0.9960013714554626, Power.detectableEffect(10, 0.05, 0.8), 1e-7);
        assertEquals(0.6604416546230345, Power.detectableEffect(20, 0.05, 0.8), 1e-7);
        assertEquals(2.0500072975556214, Power.detectableEffect(5, 0.025, 0.8), 1e-7, "Bonferroni for 2 tests");
    }

    @Test
    void rejectsUndefinedDesigns() {
        assertThrows(IllegalArgumentException.class, () -> Power.detectableEffect(1, 0.05, 0.8));
        assertThrows(IllegalArgumentException.class, () -> Power.detectableEffect(5, 0.05, 0.01));
        assertThrows(IllegalArgumentException.class, () -> Power.twoSidedT(1, 0.5, 0.05));
    }
}
