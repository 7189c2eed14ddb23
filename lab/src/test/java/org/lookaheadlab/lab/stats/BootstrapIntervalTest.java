package org.lookaheadlab.lab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {

    private static final int B = BootstrapInterval.DEFAULT_RESAMPLES;

    /**
     * Units {0, 0, 0, 0, 10}: a replicate's mean is 2K with K ~ Binomial(5, 1/5) tens drawn. P(K = 0) = 0.328, so
     * the 2.5% point is 0; P(K ≤ 2) = 0.942 and P(K ≤ 3) = 0.993, so the 97.5% point is 2·3 = 6. Both quantiles
     * lie well inside their atoms, so 10,000 replicates find them whatever the seed.
     */
    @Test
    void oneGroupHandChecked() {
        double[] units = {0, 0, 0, 0, 10};
        for (long seed : new long[] {1, 2, 3}) {
            BootstrapInterval ci = BootstrapInterval.ofMean(units, 0.95, B, seed);
            assertEquals(2.0, ci.estimate(), 1e-15);
            assertEquals(0.0, ci.lower(), 0.0);
            assertEquals(6.0, ci.upper(), 0.0);
            assertEquals(List.of(1, 5), List.of(ci.groups(), ci.units()));
            assertTrue(!ci.excludesZero());
        }
    }

    /**
     * Groups A = [0, 2] and B = [10, 10]. A's resampled mean is 0, 1, 2 with probabilities 1/4, 1/2, 1/4; B's is
     * always 10. Two groups drawn: AA (1/4) gives (a₁ + a₂)/2 ∈ {0, 0.5, 1, 1.5, 2} with 1, 4, 6, 4, 1 sixteenths;
     * AB (1/2) gives 5, 5.5, 6; BB (1/4) gives 10. So P(θ* = 0) = 1/64 = 0.016 &lt; 0.025 ≤ P(θ* ≤ 0.5) = 5/64: the
     * 2.5% point is 0.5; P(θ* &lt; 10) = 3/4: the 97.5% point is 10. The estimate is (1 + 10)/2.
     */
    @Test
    void twoLevelsHandChecked() {
        List<double[]> groups = List.of(new double[] {0, 2}, new double[] {10, 10});
        BootstrapInterval ci = BootstrapInterval.ofMean(groups, 0.95, B, 7);
        assertEquals(5.5, ci.estimate(), 1e-15);
        assertEquals(0.5, ci.lower(), 0.0);
        assertEquals(10.0, ci.upper(), 0.0);
        assertEquals(List.of(2, 4), List.of(ci.groups(), ci.units()));
        assertTrue(ci.excludesZero());
    }

    /** One group is the ordinary bootstrap: n draws with replacement per replicate, nothing drawn above them. */
    @Test
    void oneGroupIsTheOrdinaryBootstrap() {
        double[] units = {0.12, -0.03, 0.08, 0.01, 0.05, -0.02, 0.09};
        long seed = 99;
        SplittableRandom random = new SplittableRandom(seed);
        double[] replicates = new double[B];
        for (int b = 0; b < B; b++) {
            double sum = 0;
            for (int j = 0; j < units.length; j++) {
                sum += units[random.nextInt(units.length)];
            }
            replicates[b] = sum / units.length;
        }
        Arrays.sort(replicates);
        BootstrapInterval ci = BootstrapInterval.ofMean(List.of(units), 0.95, B, seed);
        assertEquals(replicates[249], ci.lower(), 0.0, "the 250th of 10,000");
        assertEquals(replicates[9749], ci.upper(), 0.0, "the 9,750th of 10,000");
        assertEquals(Arrays.stream(units).average().orElseThrow(), ci.estimate(), 1e-15);
        assertEquals(ci, BootstrapInterval.ofMean(units, 0.95, B, seed), "seeded: the same interval again");
    }

    @Test
    void rejectsWhatItCannotResample() {
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(List.of(), 0.95, B, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BootstrapInterval.ofMean(List.of(new double[] {1}, new double[0]), 0.95, B, 1));
        assertTrue(e.getMessage().contains("group 1 is empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BootstrapInterval.ofMean(new double[] {1, Double.NaN}, 0.95, B, 1));
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(new double[] {1, 2}, 1.0, B, 1));
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.ofMean(new double[] {1, 2}, 0.95, 0, 1));
    }
}
