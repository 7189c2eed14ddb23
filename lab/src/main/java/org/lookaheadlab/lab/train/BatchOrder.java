package org.lookaheadlab.lab.train;

import java.util.SplittableRandom;

/**
 * The data order of a run: a pure function of the shuffle seed and the epoch, so that the position in the data
 * is fully described by the number of steps taken (which is what a checkpoint stores).
 *
 * <p>Epoch {@code e} (0-based) visits the rows in the order of a Fisher–Yates permutation drawn from
 * {@code SplittableRandom(shuffleSeed).split()} applied {@code e + 1} times, i.e. a stream of independent
 * generators, one per epoch.
 */
final class BatchOrder {

    private BatchOrder() {}

    /** The row permutation of 0-based epoch {@code epoch} for {@code n} rows. */
    static long[] permutation(long shuffleSeed, int epoch, int n) {
        SplittableRandom root = new SplittableRandom(shuffleSeed);
        SplittableRandom random = root.split();
        for (int e = 0; e < epoch; e++) {
            random = root.split();
        }
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Steps in one epoch: {@code ceil(n / batchSize)} (the last batch may be short). */
    static long stepsPerEpoch(int n, int batchSize) {
        return (n + (long) batchSize - 1) / batchSize;
    }
}
