package org.lookaheadlab.lab.data;

/**
 * A generated mnist1d data set, as the original {@code make_dataset} returns it: training rows {@code x} /
 * {@code y}, test rows {@code xTest} / {@code yTest} (both in generator order), and the normalised time axis
 * {@code t}.
 *
 * @param config the arguments it was generated with
 * @param x training features, one row of {@code finalSeqLength} values per sample
 * @param y training labels in [0, 10)
 * @param xTest test features
 * @param yTest test labels
 * @param t the transformed time axis divided by the data set's standard deviation
 */
public record Mnist1dDataset(
        Mnist1dConfig config, double[][] x, int[] y, double[][] xTest, int[] yTest, double[] t) {

    public Mnist1dDataset {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length);
        }
        if (xTest.length != yTest.length) {
            throw new IllegalArgumentException(
                    "x_test has " + xTest.length + " rows but y_test has " + yTest.length);
        }
    }

    /** Number of training rows. */
    public int trainSize() {
        return y.length;
    }

    /** Number of test rows. */
    public int testSize() {
        return yTest.length;
    }

    /**
     * The data as train/test {@link DataSplits} (no separate validation split), sharing this data set's
     * arrays.
     */
    public DataSplits toSplits() {
        int width = config.finalSeqLength();
        return DataSplits.trainTest(
                new LabeledData(x, y, Mnist1dConfig.NUM_CLASSES, new long[] {width}),
                new LabeledData(xTest, yTest, Mnist1dConfig.NUM_CLASSES, new long[] {width}));
    }
}
