package org.lookaheadlab.lab.data;

import java.util.Locale;
import java.util.Map;

/**
 * The arguments of the original mnist1d generator ({@code get_dataset_args()}), with the same defaults
 * ({@code shared/specs/mnist1d.md} §2). Immutable; {@link #builder()} or {@link #defaults()}; every value is
 * validated on construction.
 *
 * @param numSamples total samples requested; {@code numSamples / 10} per class (≥ 10)
 * @param trainSplit fraction of the rows that form the training split, in (0, 1)
 * @param templateLen only sets the working length {@code templateLen + paddingHigh} (≥ 1)
 * @param paddingLow smallest random right-padding (≥ 0)
 * @param paddingHigh largest random right-padding (≥ paddingLow)
 * @param scaleCoeff amplitude scale {@code 1 + scaleCoeff·(u − 0.5)} (finite, ≥ 0)
 * @param maxTranslation circular shift uniform in {@code {0, …, maxTranslation − 1}} (≥ 1)
 * @param corrNoiseScale std of the noise that is smoothed into the background (finite, ≥ 0)
 * @param iidNoiseScale std of the white noise (finite, ≥ 0)
 * @param shearScale linear-trend coefficient {@code shearScale·(u − 0.5)} (finite, ≥ 0)
 * @param shuffleSeq whether one random permutation of the output columns is applied to every sample
 * @param finalSeqLength output length of every sample (≥ 2; {@code 10·⌊numSamples/10⌋ · finalSeqLength} at most
 *     {@link #MAX_VALUES})
 * @param seed seed of the legacy NumPy RNG, in [0, 2³² − 1]
 * @param url download location of the frozen dataset in the original; not used for generation
 */
public record Mnist1dConfig(
        int numSamples,
        double trainSplit,
        int templateLen,
        int paddingLow,
        int paddingHigh,
        double scaleCoeff,
        int maxTranslation,
        double corrNoiseScale,
        double iidNoiseScale,
        double shearScale,
        boolean shuffleSeq,
        int finalSeqLength,
        long seed,
        String url) {

    /** Default download location of the frozen dataset, as in the original arguments. */
    public static final String DEFAULT_URL = "https://github.com/greydanus/mnist1d/raw/master/mnist1d_data.pkl";

    /** Number of digit classes (templates). */
    public static final int NUM_CLASSES = 10;

    /** Most values a data set may hold: {@code total × finalSeqLength} must fit one Java array. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 16;

    public Mnist1dConfig {
        if (numSamples < NUM_CLASSES) {
            throw invalid("num-samples", numSamples, "[10, 2147483647]");
        }
        if (!(trainSplit > 0.0 && trainSplit < 1.0)) {
            throw invalid("train-split", trainSplit, "(0, 1)");
        }
        if (templateLen < 1) {
            throw invalid("template-len", templateLen, "[1, 2147483647]");
        }
        if (paddingLow < 0) {
            throw invalid("padding low", paddingLow, "[0, padding high]");
        }
        if (paddingHigh < paddingLow) {
            throw new IllegalArgumentException("padding high must be >= padding low (accepted range [" + paddingLow
                    + ", 2147483647]), got padding=[" + paddingLow + ", " + paddingHigh + "]");
        }
        if ((long) templateLen + paddingHigh < 2 || (long) templateLen + paddingHigh > 100_000_000L) {
            throw new IllegalArgumentException("template-len + padding high (the working length) must be in "
                    + "[2, 100000000], got " + ((long) templateLen + paddingHigh));
        }
        requireScale("scale-coeff", scaleCoeff);
        if (maxTranslation < 1) {
            throw invalid("max-translation", maxTranslation, "[1, 2147483647]");
        }
        requireScale("corr-noise-scale", corrNoiseScale);
        requireScale("iid-noise-scale", iidNoiseScale);
        requireScale("shear-scale", shearScale);
        if (finalSeqLength < 2) {
            throw invalid("final-seq-length", finalSeqLength, "[2, 2147483647]");
        }
        long total = (long) (numSamples / NUM_CLASSES) * NUM_CLASSES;
        if (total * finalSeqLength > MAX_VALUES) {
            throw new IllegalArgumentException("the data set size, " + total + " samples (num-samples " + numSamples
                    + ") × final-seq-length " + finalSeqLength + " = " + total * finalSeqLength
                    + " values, must be at most " + MAX_VALUES + "; lower num-samples or final-seq-length");
        }
        if (seed < 0 || seed > 0xffffffffL) {
            throw invalid("seed", seed, "[0, 4294967295]");
        }
        if (url == null) {
            url = DEFAULT_URL;
        }
    }

    private static void requireScale(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw invalid(name, value, "[0, +inf) (finite)");
        }
    }

    private static IllegalArgumentException invalid(String name, Object value, String range) {
        return new IllegalArgumentException(name + " must be in " + range + ", got " + value);
    }

    /** The original defaults: 5000 samples, seed 42, 4000 train / 1000 test, 40 points per sample. */
    public static Mnist1dConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .numSamples(numSamples)
                .trainSplit(trainSplit)
                .templateLen(templateLen)
                .padding(paddingLow, paddingHigh)
                .scaleCoeff(scaleCoeff)
                .maxTranslation(maxTranslation)
                .corrNoiseScale(corrNoiseScale)
                .iidNoiseScale(iidNoiseScale)
                .shearScale(shearScale)
                .shuffleSeq(shuffleSeq)
                .finalSeqLength(finalSeqLength)
                .seed(seed)
                .url(url);
    }

    /** Number of samples generated per class: {@code floor(numSamples / 10)}. */
    public int samplesPerClass() {
        return numSamples / NUM_CLASSES;
    }

    /** Number of rows actually generated: {@code 10 · samplesPerClass()}. */
    public int total() {
        return NUM_CLASSES * samplesPerClass();
    }

    /** Number of training rows: {@code floor(total() · trainSplit)}, a double product truncated. */
    public int trainSize() {
        return (int) (total() * trainSplit);
    }

    /** Working length of a sample during the transform: {@code templateLen + paddingHigh}. */
    public int workingLength() {
        return templateLen + paddingHigh;
    }

    /**
     * A configuration from the original's argument names ({@code num_samples}, {@code train_split},
     * {@code template_len}, {@code padding} = [low, high], {@code scale_coeff}, {@code max_translation},
     * {@code corr_noise_scale}, {@code iid_noise_scale}, {@code shear_scale}, {@code shuffle_seq},
     * {@code final_seq_length}, {@code seed}, {@code url}); absent keys keep their defaults.
     *
     * @throws IllegalArgumentException on an unknown key or a value of the wrong type
     */
    public static Mnist1dConfig fromArgs(Map<String, ?> args) {
        Builder b = builder();
        for (Map.Entry<String, ?> e : args.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "num_samples" -> b.numSamples(asInt(key, v));
                case "train_split" -> b.trainSplit(asDouble(key, v));
                case "template_len" -> b.templateLen(asInt(key, v));
                case "padding" -> {
                    if (!(v instanceof java.util.List<?> list) || list.size() != 2) {
                        throw new IllegalArgumentException("padding must be a list [low, high], got " + v);
                    }
                    b.padding(asInt("padding low", list.get(0)), asInt("padding high", list.get(1)));
                }
                case "scale_coeff" -> b.scaleCoeff(asDouble(key, v));
                case "max_translation" -> b.maxTranslation(asInt(key, v));
                case "corr_noise_scale" -> b.corrNoiseScale(asDouble(key, v));
                case "iid_noise_scale" -> b.iidNoiseScale(asDouble(key, v));
                case "shear_scale" -> b.shearScale(asDouble(key, v));
                case "shuffle_seq" -> {
                    if (!(v instanceof Boolean flag)) {
                        throw new IllegalArgumentException("shuffle-seq must be true or false, got " + v);
                    }
                    b.shuffleSeq(flag);
                }
                case "final_seq_length" -> b.finalSeqLength(asInt(key, v));
                case "seed" -> b.seed(asLong(key, v));
                case "url" -> b.url(String.valueOf(v));
                default -> throw new IllegalArgumentException("unknown mnist1d argument '" + flagName(key)
                        + "'; accepted: num-samples, train-split, template-len, padding, scale-coeff, "
                        + "max-translation, corr-noise-scale, iid-noise-scale, shear-scale, shuffle-seq, "
                        + "final-seq-length, seed, url");
            }
        }
        return b.build();
    }

    /**
     * An argument's name as the CLI spells it ({@code num-samples} for {@code num_samples}): messages use the
     * flag spelling of {@code dataset mnist1d --num-samples} and {@code --data mnist1d:num-samples=N}.
     */
    private static String flagName(String key) {
        return key.replace('_', '-');
    }

    private static long asLong(String key, Object v) {
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return n.longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException(flagName(key) + " must be an integer, got " + v);
    }

    private static int asInt(String key, Object v) {
        long value = asLong(key, v);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flagName(key) + " must fit in a 32-bit int, got " + value);
        }
        return (int) value;
    }

    private static double asDouble(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(flagName(key) + " must be a number, got " + v);
    }

    /** The arguments in the original's names and JSON-like form, e.g. for a CSV comment line. */
    public String toArgsJson() {
        return String.format(Locale.ROOT,
                "{\"num_samples\": %d, \"train_split\": %s, \"template_len\": %d, \"padding\": [%d, %d], "
                        + "\"scale_coeff\": %s, \"max_translation\": %d, \"corr_noise_scale\": %s, "
                        + "\"iid_noise_scale\": %s, \"shear_scale\": %s, \"shuffle_seq\": %s, "
                        + "\"final_seq_length\": %d, \"seed\": %d}",
                numSamples, trainSplit, templateLen, paddingLow, paddingHigh, scaleCoeff, maxTranslation,
                corrNoiseScale, iidNoiseScale, shearScale, shuffleSeq, finalSeqLength, seed);
    }

    /** Builder with the original defaults; {@link #build()} validates. */
    public static final class Builder {
        private int numSamples = 5000;
        private double trainSplit = 0.8;
        private int templateLen = 12;
        private int paddingLow = 36;
        private int paddingHigh = 60;
        private double scaleCoeff = 0.4;
        private int maxTranslation = 48;
        private double corrNoiseScale = 0.25;
        private double iidNoiseScale = 2e-2;
        private double shearScale = 0.75;
        private boolean shuffleSeq = false;
        private int finalSeqLength = 40;
        private long seed = 42;
        private String url = DEFAULT_URL;

        private Builder() {}

        public Builder numSamples(int value) {
            numSamples = value;
            return this;
        }

        public Builder trainSplit(double value) {
            trainSplit = value;
            return this;
        }

        public Builder templateLen(int value) {
            templateLen = value;
            return this;
        }

        public Builder padding(int low, int high) {
            paddingLow = low;
            paddingHigh = high;
            return this;
        }

        public Builder scaleCoeff(double value) {
            scaleCoeff = value;
            return this;
        }

        public Builder maxTranslation(int value) {
            maxTranslation = value;
            return this;
        }

        public Builder corrNoiseScale(double value) {
            corrNoiseScale = value;
            return this;
        }

        public Builder iidNoiseScale(double value) {
            iidNoiseScale = value;
            return this;
        }

        public Builder shearScale(double value) {
            shearScale = value;
            return this;
        }

        public Builder shuffleSeq(boolean value) {
            shuffleSeq = value;
            return this;
        }

        public Builder finalSeqLength(int value) {
            finalSeqLength = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder url(String value) {
            url = value;
            return this;
        }

        public Mnist1dConfig build() {
            return new Mnist1dConfig(numSamples, trainSplit, templateLen, paddingLow, paddingHigh, scaleCoeff,
                    maxTranslation, corrNoiseScale, iidNoiseScale, shearScale, shuffleSeq, finalSeqLength, seed,
                    url);
        }
    }
}
