package org.lookaheadlab.tune.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.tune.samplers.RandomSampler;

class DistributionTest {

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void floatValidationMessages() {
        assertEquals("The parameter `step` is not supported when `log` is true.",
                error(() -> new FloatDistribution(1e-3, 1, true, 0.1)));
        assertEquals("`low <= high` must hold, but got (low=1.0, high=0.0).", error(() -> new FloatDistribution(1, 0, false)));
        assertEquals("`low > 0` must hold for `log=True`, but got (low=0.0, high=1.0).",
                error(() -> new FloatDistribution(0, 1, true)));
        assertEquals("`step > 0` must hold, but got step=0.0.", error(() -> new FloatDistribution(0, 1, false, 0.0)));
    }

    @Test
    void intValidationMessages() {
        assertTrue(error(() -> new IntDistribution(1, 8, true, 2)).contains("step is 1 when `log`"));
        assertEquals("`low <= high` must hold, but got (low=1, high=0).", error(() -> new IntDistribution(1, 0, false)));
        assertEquals("`low >= 1` must hold for `log=True`, but got (low=0, high=8).",
                error(() -> new IntDistribution(0, 8, true)));
        assertEquals("`step > 0` must hold, but got step=0.", error(() -> new IntDistribution(0, 8, false, 0)));
        assertEquals("The `choices` must contain one or more elements.",
                error(() -> new CategoricalDistribution(List.of())));
    }

    @Test
    void stepAdjustsHighInDecimalArithmetic() {
        assertEquals(0.9, new FloatDistribution(0, 1, false, 0.3).high());
        assertEquals(1.0, new FloatDistribution(0, 1, false, 0.1).high(), "0.1 divides 1 exactly in decimal");
        assertEquals(7, new IntDistribution(1, 8, false, 2).high());
        assertTrue(new FloatDistribution(0, 0.05, false, 0.1).single());
        assertTrue(new IntDistribution(3, 3, true).single());
    }

    @Test
    void containsAndConversions() {
        FloatDistribution stepped = new FloatDistribution(0, 1, false, 0.1);
        assertTrue(stepped.contains(0.3));
        assertFalse(stepped.contains(0.35));
        IntDistribution ints = new IntDistribution(2, 10, false, 2);
        assertTrue(ints.contains(4));
        assertFalse(ints.contains(5));
        CategoricalDistribution c = new CategoricalDistribution(List.of("sgd", "adam"));
        assertEquals(1.0, c.toInternal("adam"));
        assertEquals("adam", c.toExternal(1));
        assertEquals("'rmsprop' not in [sgd, adam].", error(() -> c.toInternal("rmsprop")));
        assertEquals("`nan` is invalid value.", error(() -> stepped.toInternal(Double.NaN)));
        assertEquals(3L, ints.toExternal(3.0));
    }

    @Test
    void compatibilityAcrossTrials() {
        Distributions.checkCompatible("x", new FloatDistribution(0, 1, false), new FloatDistribution(0, 2, false));
        assertTrue(error(() -> Distributions.checkCompatible("x", new FloatDistribution(0, 1, false),
                new IntDistribution(0, 1, false))).startsWith("Cannot set different distribution kind"));
        assertTrue(error(() -> Distributions.checkCompatible("x", new FloatDistribution(0.1, 1, false),
                new FloatDistribution(0.1, 1, true))).startsWith("Cannot set different log configuration"));
        assertTrue(error(() -> Distributions.checkCompatible("o", new CategoricalDistribution(List.of("a")),
                new CategoricalDistribution(List.of("a", "b")))).startsWith("CategoricalDistribution does not support"));
    }

    @Test
    void jsonRoundTripsInOptunasFormatAndReadsTheShortForm() {
        for (Distribution d : List.of(new FloatDistribution(1e-5, 1, true), new FloatDistribution(0, 1, false, 0.25),
                new IntDistribution(1, 8, false, 1), new IntDistribution(1, 128, true),
                new CategoricalDistribution(List.of("sgd", "adam")))) {
            assertEquals(d, DistributionJson.fromJson(DistributionJson.toJson(d)));
        }
        assertEquals(new FloatDistribution(1e-5, 1.0, true), DistributionJson.fromJson(
                "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": null, \"low\": 1e-05, \"high\": 1.0, \"log\": true}}"));
        assertEquals(new IntDistribution(1, 8, false), DistributionJson.fromJson(
                "{\"name\":\"IntDistribution\",\"attributes\":{\"log\":false,\"step\":1,\"low\":1,\"high\":8}}"));
        assertEquals(new CategoricalDistribution(List.of("sgd", "adam")),
                DistributionJson.fromJson("{\"type\":\"categorical\",\"choices\":[\"sgd\",\"adam\"]}"));
    }

    @Test
    void randomSamplesAreInRangeAndLogUniform() {
        SplittableRandom rng = new SplittableRandom(1);
        FloatDistribution lr = new FloatDistribution(1e-5, 1e-1, true);
        int belowMid = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            double x = RandomSampler.sample(rng, lr);
            assertTrue(x >= 1e-5 && x < 1e-1);
            if (x < 1e-3) {
                belowMid++;
            }
        }
        assertEquals(0.5, belowMid / (double) n, 0.02, "half the mass below the geometric midpoint 1e-3");
        IntDistribution ints = new IntDistribution(1, 3, false);
        int[] counts = new int[4];
        for (int i = 0; i < 30000; i++) {
            counts[(int) RandomSampler.sample(rng, ints)]++;
        }
        for (int v = 1; v <= 3; v++) {
            assertEquals(10000, counts[v], 400, "uniform over the integers: " + v);
        }
    }
}
