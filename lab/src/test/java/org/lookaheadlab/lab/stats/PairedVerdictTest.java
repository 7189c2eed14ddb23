package org.lookaheadlab.lab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class PairedVerdictTest {

    private static final double[] D = {-0.10, -0.09, -0.12, -0.08, -0.11};

    @Test
    void oneStudyIsThePairedTTestOverItsSeeds() {
        PairedVerdict v = PairedVerdict.decide(List.of(List.of(D))).get(0);
        assertEquals(new TTest().tTest(0.0, D), v.test().pValue(), 1e-12);
        assertEquals(v.test().pValue(), v.adjustedP(), 0.0, "one comparison: nothing to adjust");
        assertEquals(List.of(1, 5, 5, 1), List.of(v.studies(), v.pairs(), v.test().n(), v.family()));
        assertEquals("seeds", v.testUnits());
        assertTrue(v.claimed());
        double mean = Arrays.stream(D).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(D).map(x -> (x - mean) * (x - mean)).sum() / 4);
        assertEquals(mean / sd, v.effectSize(), 1e-12, "d_z");
        assertEquals(Power.detectableEffect(5, 0.05, 0.8) * sd, v.detectableDifference(), 1e-12);
        assertEquals(BootstrapInterval.ofMean(D, 0.95, BootstrapInterval.DEFAULT_RESAMPLES,
                PairedVerdict.BOOTSTRAP_SEED), v.bootstrap());
    }

    @Test
    void severalStudiesAreTestedOverTheirMeans() {
        List<double[]> studies = List.of(new double[] {-0.1, -0.2}, new double[] {0.05, 0.0, 0.1},
                new double[] {-0.3});
        PairedVerdict v = PairedVerdict.decide(List.of(studies)).get(0);
        double[] means = {-0.15, 0.05, -0.3};
        assertEquals(new TTest().tTest(0.0, means), v.test().pValue(), 1e-12);
        assertEquals(Arrays.stream(means).average().orElseThrow(), v.test().meanDifference(), 1e-15);
        assertEquals(List.of(3, 6, 3), List.of(v.studies(), v.pairs(), v.test().n()));
        assertEquals("studies", v.testUnits());
        assertEquals(v.test().meanDifference(), v.bootstrap().estimate(), 1e-15, "the same estimate");
        assertEquals(Power.detectableEffect(3, 0.05, 0.8) * v.test().difference().sd(), v.detectableDifference(),
                1e-12);
    }

    @Test
    void theFamilyIsHolmAdjustedAndComparisonsWithoutPairsAreLeftOut() {
        double[] weak = {-0.05, 0.02, -0.07, -0.01, -0.04};
        List<List<double[]>> family = new ArrayList<>();
        family.add(List.of(D));
        family.add(List.of(weak));
        family.add(List.of());
        family.add(List.of(new double[] {0.3}));
        List<PairedVerdict> v = PairedVerdict.decide(family);
        double[] adjusted = HolmCorrection.adjust(new double[] {v.get(0).test().pValue(), v.get(1).test().pValue()});
        assertEquals(adjusted[0], v.get(0).adjustedP(), 0.0);
        assertEquals(adjusted[1], v.get(1).adjustedP(), 0.0);
        assertEquals(2, v.get(0).family(), "the one-seed comparison has no test and does not count");
        assertEquals(0.025, v.get(0).detectableAlpha(), 0.0);
        assertEquals(Power.detectableEffect(5, 0.025, 0.8) * v.get(0).test().difference().sd(),
                v.get(0).detectableDifference(), 1e-12);
        assertNull(v.get(2), "no pair, no verdict");
        PairedVerdict single = v.get(3);
        assertFalse(single.claimed());
        assertTrue(Double.isNaN(single.adjustedP()) && Double.isNaN(single.detectableDifference()));
        assertNull(single.bootstrap(), "no interval from one pair");
    }
}
