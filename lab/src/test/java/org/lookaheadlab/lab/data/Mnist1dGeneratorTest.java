package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Facts about the published default data set and the generator's RNG draws, as recorded in
 * {@code shared/specs/mnist1d.md} §4.6 and §5 (measured on the original pickle and NumPy, not on our code).
 */
class Mnist1dGeneratorTest {

    private static Mnist1dDataset data;

    @BeforeAll
    static void generateDefault() {
        data = Mnist1dGenerator.generate(Mnist1dConfig.defaults());
    }

    @Test
    void shapesOfTheDefaultDataSet() {
        assertEquals(4000, data.x().length);
        assertEquals(1000, data.xTest().length);
        assertEquals(40, data.x()[0].length);
        assertEquals(40, data.t().length);
    }

    @Test
    void firstLabelsAndClassCountsMatchThePickle() {
        assertArrayEquals(new int[] {2, 6, 4, 5, 6, 6, 6, 0, 3, 1}, java.util.Arrays.copyOf(data.y(), 10));
        assertArrayEquals(new int[] {2, 6, 3, 9, 4, 3, 1, 9, 5, 2}, java.util.Arrays.copyOf(data.yTest(), 10));
        assertArrayEquals(new int[] {398, 396, 411, 394, 394, 402, 401, 404, 402, 398}, counts(data.y()));
        assertArrayEquals(new int[] {102, 104, 89, 106, 106, 98, 99, 96, 98, 102}, counts(data.yTest()));
    }

    @Test
    void normalisedStatisticsMatchThePickle() {
        assertEquals(-5.38753506670427, data.t()[0], 1e-14);
        assertEquals(5.38753506670427, data.t()[39], 1e-14);
        assertEquals(-0.00032367167421934744, mean(data.x()), 1e-15);
        assertEquals(0.0012946866968772965, mean(data.xTest()), 1e-15);
        double[][] all = new double[5000][];
        System.arraycopy(data.x(), 0, all, 0, 4000);
        System.arraycopy(data.xTest(), 0, all, 4000, 1000);
        assertEquals(0.0, mean(all), 1e-15);
        assertEquals(1.0, std(all), 1e-12);
    }

    @Test
    void batchAndColumnPermutationsFollowTheTransforms() {
        Mnist1dConfig config = Mnist1dConfig.defaults();
        Mnist1dTransform transform = new Mnist1dTransform(config);
        LegacyRandomState rng = new LegacyRandomState(config.seed());
        double[] out = new double[config.finalSeqLength()];
        for (int s = 0; s < config.total(); s++) {
            transform.apply(Mnist1dTemplates.get().template(s / config.samplesPerClass()), rng, out, null);
        }
        int[] batch = rng.permutation(config.total());
        assertArrayEquals(new int[] {1472, 3385, 2210, 2638, 3156, 3147, 3103, 233, 1586, 670},
                java.util.Arrays.copyOf(batch, 10));
        assertArrayEquals(new int[] {1126, 2760, 4746, 3239, 2246},
                java.util.Arrays.copyOfRange(batch, batch.length - 5, batch.length));
        assertArrayEquals(new int[] {19, 22, 4, 32, 17, 18, 28, 31, 11, 24, 23, 7, 25, 35, 34, 6, 3, 13, 12, 26, 1,
            27, 20, 10, 36, 9, 37, 29, 8, 30, 5, 38, 16, 15, 33, 39, 14, 21, 0, 2}, rng.permutation(40));
        // sample 0 lands at shuffled row 3521 (a training row)
        assertEquals(0, batch[3521]);
        assertEquals(0, data.y()[3521]);
    }

    @Test
    void generationIsDeterministicAndSplitsShareTheArrays() {
        Mnist1dDataset again = Mnist1dGenerator.generate(Mnist1dConfig.defaults());
        assertArrayEquals(data.x()[123], again.x()[123]);
        assertArrayEquals(data.yTest(), again.yTest());
        DataSplits splits = data.toSplits();
        assertSame(data.x(), splits.train().features());
        assertSame(data.yTest(), splits.test().labels());
        assertEquals(10, splits.train().numClasses());
        assertEquals(40, splits.test().sampleSize());
    }

    private static int[] counts(int[] y) {
        int[] c = new int[10];
        for (int v : y) {
            c[v]++;
        }
        return c;
    }

    private static double mean(double[][] rows) {
        double s = 0;
        long n = 0;
        for (double[] r : rows) {
            for (double v : r) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    private static double std(double[][] rows) {
        double m = mean(rows);
        double s = 0;
        long n = 0;
        for (double[] r : rows) {
            for (double v : r) {
                s += (v - m) * (v - m);
                n++;
            }
        }
        return Math.sqrt(s / n);
    }
}
