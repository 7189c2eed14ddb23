package org.lookaheadlab.lab.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Holds out part of the training split as the validation split: {@code ⌊fraction · N⌋} training rows, stratified
 * by class and drawn with a fixed seed, so the split is deterministic (the same rows for every contender, run and
 * process), disjoint from the training rows that remain and from the test split, and keeps each class's share
 * within one row. The rows are ordered by class, in a seeded random order within each class, and every row at
 * which {@code ⌊(i + 1) · fraction⌋} steps up is held out (systematic sampling); the remaining training rows keep
 * their original order.
 */
public final class ValidationSplit {

    /** The seed of the within-class order. */
    static final long SEED = 0x5EED_0F_5E1EC7L;

    private ValidationSplit() {}

    public static DataSplits holdOut(DataSplits splits, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation split is " + fraction + ", accepted range: (0, 1)");
        }
        if (splits.hasValidation()) {
            throw new IllegalArgumentException("the data already has a validation split, accepted: no --val-split");
        }
        LabeledData train = splits.train();
        int n = train.size();
        int held = (int) Math.floor(fraction * n);
        if (held < 1 || held >= n) {
            throw new IllegalArgumentException("validation split " + fraction + " of " + n
                    + " training rows leaves an empty split, accepted: a fraction giving 1.." + (n - 1) + " rows");
        }
        boolean[] validation = heldOutRows(train.labels(), fraction);
        int[] keptRows = IntStream.range(0, n).filter(i -> !validation[i]).toArray();
        int[] heldRows = IntStream.range(0, n).filter(i -> validation[i]).toArray();
        return new DataSplits(rows(train, keptRows), rows(train, heldRows), splits.test());
    }

    /** Which rows are held out: {@code ⌊fraction · N⌋} of them, stratified by label, in a seeded order. */
    static boolean[] heldOutRows(int[] labels, double fraction) {
        int n = labels.length;
        SplittableRandom random = new SplittableRandom(SEED);
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            key[i] = random.nextDouble();
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> labels[i]).thenComparingDouble(i -> key[i]));
        boolean[] held = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (Math.floor((i + 1) * fraction) > Math.floor(i * fraction)) {
                held[order[i]] = true;
            }
        }
        return held;
    }

    private static LabeledData rows(LabeledData data, int[] rows) {
        double[][] x = new double[rows.length][];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = data.features()[rows[i]];
            y[i] = data.labels()[rows[i]];
        }
        return new LabeledData(x, y, data.numClasses(), data.sampleShape());
    }
}
