package org.lookaheadlab.tune.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.tune.distributions.CategoricalDistribution;
import org.lookaheadlab.tune.distributions.Distribution;
import org.lookaheadlab.tune.distributions.FloatDistribution;
import org.lookaheadlab.tune.distributions.IntDistribution;

/** End-to-end Parzen golden vectors measured with Optuna (specs/tpe.md §5.5, §6.1), defaults everywhere. */
class ParzenEstimatorTest {

    private static ProductMixture fit(Distribution d, double... obs) {
        double[][] rows = new double[obs.length][];
        for (int i = 0; i < obs.length; i++) {
            rows[i] = new double[] {obs[i]};
        }
        return ParzenEstimator.build(List.of(d), rows, TpeDefaults.weights(obs.length), 1.0, true);
    }

    private static void assertLogPdf(ProductMixture mix, double[] xs, double[] expected) {
        double[][] pts = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            pts[i] = new double[] {xs[i]};
        }
        assertArrayEquals(expected, mix.logPdf(pts), 1e-8);
    }

    @Test
    void floatTwoObservations() {
        assertLogPdf(fit(new FloatDistribution(-1, 1, false), -0.3, 0.3),
                new double[] {-1, -0.3, 0, 0.5, 1},
                new double[] {-1.178314782, -0.5375314363, -0.4670989417, -0.6602198883, -1.178314782});
    }

    @Test
    void floatMagicClipRaisesTinyGaps() {
        assertArrayEquals(new double[] {0.8, 0.8, 1.0 / 3, 1.0 / 3},
                ParzenEstimator.bandwidths(new double[] {-0.4, 0.4, 0.41, 0.42}, -1, 1, true), 1e-12);
        assertLogPdf(fit(new FloatDistribution(-1, 1, false), -0.4, 0.4, 0.41, 0.42),
                new double[] {-0.4, 0, 0.41, 0.9},
                new double[] {-1.0621120713, -0.5552987398, -0.2010611115, -0.878657454});
    }

    @Test
    void floatLog() {
        assertLogPdf(fit(new FloatDistribution(1e-5, 1, true), 1e-3, 1e-2, 3e-2),
                new double[] {1e-5, 1e-3, 0.1, 1},
                new double[] {-3.627813245, -2.2130961754, -2.3546710384, -3.1946725131});
    }

    @Test
    void floatWithStep() {
        assertLogPdf(fit(new FloatDistribution(0, 1, false, 0.1), 0.1, 0.5),
                new double[] {0, 0.1, 0.5, 1},
                new double[] {-2.3305734693, -2.2458922211, -2.2720214197, -2.9758609337});
    }

    @Test
    void intPmfMatchesAndSumsToOne() {
        ProductMixture mix = fit(new IntDistribution(1, 8, false), 2, 3, 3);
        assertLogPdf(mix, new double[] {1, 3, 8}, new double[] {-1.8820784985, -1.4966964131, -3.4801680478});
        assertEquals(1.0, pmfSum(mix, 1, 8), 1e-12);
    }

    @Test
    void logIntPmfMatchesAndSumsToOne() {
        ProductMixture mix = fit(new IntDistribution(1, 128, true), 8, 16);
        assertLogPdf(mix, new double[] {1, 8, 128}, new double[] {-2.2193065937, -3.4480012437, -7.1299523813});
        assertEquals(1.0, pmfSum(mix, 1, 128), 1e-12);
    }

    @Test
    void categorical() {
        assertLogPdf(fit(new CategoricalDistribution(List.of("sgd", "adam", "rmsprop")), 0, 0, 2),
                new double[] {0, 1, 2}, new double[] {-0.7419373447, -1.6582280766, -1.0986122887});
    }

    @Test
    void priorOnly() {
        assertLogPdf(fit(new FloatDistribution(0, 10, false)),
                new double[] {0, 5}, new double[] {-2.3866072925, -2.2616072925});
    }

    @Test
    void singleObservationUsesTheDomainEdges() {
        assertArrayEquals(new double[] {99}, ParzenEstimator.bandwidths(new double[] {1}, 1, 100, true), 0);
    }

    @Test
    void samplesStayInRangeAndOnTheGrid() {
        ProductMixture mix = fit(new FloatDistribution(0, 1, false, 0.1), 0.1, 0.5);
        for (double[] s : mix.sample(new SplittableRandom(3), 500)) {
            double k = s[0] / 0.1;
            assertTrue(s[0] >= 0 && s[0] <= 1 && Math.abs(k - Math.rint(k)) < 1e-9, "sample " + s[0]);
        }
        ProductMixture logMix = fit(new FloatDistribution(1e-5, 1e-1, true), 1e-3);
        for (double[] s : logMix.sample(new SplittableRandom(4), 500)) {
            assertTrue(s[0] >= 1e-5 && s[0] <= 1e-1, "sample " + s[0]);
        }
    }

    @Test
    void defaultGammaAndWeightsMatchOptuna() {
        int[] n = {0, 1, 9, 10, 11, 20, 50, 100, 249, 250, 1000};
        int[] expected = {0, 1, 1, 1, 2, 2, 5, 10, 25, 25, 25};
        for (int i = 0; i < n.length; i++) {
            assertEquals(expected[i], TpeDefaults.gamma(n[i]), "gamma(" + n[i] + ")");
        }
        double[] w = TpeDefaults.weights(30);
        assertArrayEquals(new double[] {1.0 / 30, 0.275, 0.5166666667, 0.7583333333, 1, 1}, 
                java.util.Arrays.copyOf(w, 6), 1e-9);
        assertEquals(30, w.length);
        assertEquals(1.0, w[29]);
    }

    private static double pmfSum(ProductMixture mix, int low, int high) {
        double[][] pts = new double[high - low + 1][];
        for (int v = low; v <= high; v++) {
            pts[v - low] = new double[] {v};
        }
        double s = 0;
        for (double lp : mix.logPdf(pts)) {
            s += Math.exp(lp);
        }
        return s;
    }
}
