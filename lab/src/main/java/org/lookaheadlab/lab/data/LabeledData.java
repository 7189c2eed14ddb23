package org.lookaheadlab.lab.data;

import java.util.Arrays;

/**
 * A labelled data set held in memory: row {@code i} of {@code features} has class {@code labels[i]}.
 *
 * @param features one row per sample, each of {@code product(sampleShape)} values (row-major)
 * @param labels class index per sample, in {@code [0, numClasses)}
 * @param numClasses number of classes
 * @param sampleShape shape of one sample, e.g. {@code {40}} for mnist1d or {@code {3, 32, 32}} for CIFAR-10
 */
public record LabeledData(double[][] features, int[] labels, int numClasses, long[] sampleShape) {

    public LabeledData {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(
                    "features has " + features.length + " rows but labels has " + labels.length);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        }
        long width = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + features[i].length
                        + " values, expected " + width + " for sample shape " + Arrays.toString(sampleShape));
            }
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(
                        "label of row " + i + " is " + labels[i] + ", accepted range [0, " + numClasses + ")");
            }
        }
    }

    /** A flat data set: each sample is a vector of {@code features[0].length} values. */
    public static LabeledData flat(double[][] features, int[] labels, int numClasses) {
        long width = features.length == 0 ? 0 : features[0].length;
        return new LabeledData(features, labels, numClasses, new long[] {width});
    }

    public int size() {
        return labels.length;
    }

    /** Number of values of one sample. */
    public int sampleSize() {
        return (int) Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    }
}
