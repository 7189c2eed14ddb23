package org.lookaheadlab.lab.train;

import java.util.SplittableRandom;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;

/** Small synthetic classification data for trainer tests: Gaussian blobs around class centres. */
final class TestData {

    private TestData() {}

    /** {@code n} samples of dimension {@code dim} in {@code classes} blobs (centre ±{@code separation}). */
    static LabeledData blobs(int n, int dim, int classes, double separation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) {
            for (int j = 0; j < dim; j++) {
                c[j] = random.nextBoolean() ? separation : -separation;
            }
        }
        double[][] x = new double[n][dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < dim; j++) {
                x[i][j] = centres[y[i]][j] + gaussian(random);
            }
        }
        return LabeledData.flat(x, y, classes);
    }

    static DataSplits splits(int train, int test, int dim, int classes, long seed) {
        return DataSplits.trainTest(blobs(train, dim, classes, 1.5, seed), blobs(test, dim, classes, 1.5, seed));
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
