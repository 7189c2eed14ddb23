package org.lookaheadlab.lab.data;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code --data nqm[:dim=D,train=N,test=M,seed=S]}: noise draws of the noisy quadratic model for
 * {@code --model nqm}: every sample is c ~ N(0, diag σ²) with Zhang et al.'s σᵢ² = hᵢ = 1/i, i = 1..D, and label 0
 * (one class; the model has its own loss). Defaults: D = 100, 4,000 train and 1,000 test draws, seed 0.
 */
final class NqmData {

    private NqmData() {}

    static DataSplits load(String arguments) {
        int dim = 100;
        int train = 4000;
        int test = 1000;
        long seed = 0;
        if (!arguments.isBlank()) {
            for (String pair : arguments.split(",")) {
                int eq = pair.indexOf('=');
                String key = eq < 1 ? pair.trim() : pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = eq < 1 ? "" : pair.substring(eq + 1).trim();
                switch (key) {
                    case "dim" -> dim = positive("dim", value);
                    case "train" -> train = positive("train", value);
                    case "test" -> test = positive("test", value);
                    case "seed" -> seed = integer("seed", value);
                    default -> throw new IllegalArgumentException("nqm argument '" + pair.trim() + "' is unknown, "
                            + "accepted form: nqm:dim=D,train=N,test=M,seed=S");
                }
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        return DataSplits.trainTest(draws(random, train, dim), draws(random, test, dim));
    }

    private static LabeledData draws(SplittableRandom random, int n, int dim) {
        double[][] x = new double[n][dim];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < dim; i++) {
                x[r][i] = random.nextGaussian() * Math.sqrt(1.0 / (i + 1));
            }
        }
        return LabeledData.flat(x, new int[n], 1);
    }

    private static int positive(String key, String value) {
        long v = integer(key, value);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nqm " + key + " is " + value + ", accepted range: integers >= 1");
        }
        return (int) v;
    }

    private static long integer(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nqm " + key + " is '" + value + "', accepted: an integer", e);
        }
    }
}
