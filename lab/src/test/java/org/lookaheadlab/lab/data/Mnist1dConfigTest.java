package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Defaults of the original {@code get_dataset_args()} and the validation messages. */
class Mnist1dConfigTest {

    @Test
    void defaultsAreTheOriginalArguments() {
        Mnist1dConfig c = Mnist1dConfig.defaults();
        assertEquals(5000, c.numSamples());
        assertEquals(0.8, c.trainSplit());
        assertEquals(12, c.templateLen());
        assertEquals(36, c.paddingLow());
        assertEquals(60, c.paddingHigh());
        assertEquals(0.4, c.scaleCoeff());
        assertEquals(48, c.maxTranslation());
        assertEquals(0.25, c.corrNoiseScale());
        assertEquals(0.02, c.iidNoiseScale());
        assertEquals(0.75, c.shearScale());
        assertFalse(c.shuffleSeq());
        assertEquals(40, c.finalSeqLength());
        assertEquals(42, c.seed());
        assertEquals("https://github.com/greydanus/mnist1d/raw/master/mnist1d_data.pkl", c.url());
        assertEquals(500, c.samplesPerClass());
        assertEquals(4000, c.trainSize());
        assertEquals(72, c.workingLength());
    }

    @Test
    void sizesFollowTheOriginalIntegerArithmetic() {
        Mnist1dConfig c = Mnist1dConfig.builder().numSamples(1003).trainSplit(0.35).build();
        assertEquals(100, c.samplesPerClass());
        assertEquals(1000, c.total());
        assertEquals(350, c.trainSize());
        // int(100 * 0.29) in Python: the double product is 28.999999999999996, which truncates to 28
        assertEquals(28, Mnist1dConfig.builder().numSamples(100).trainSplit(0.29).build().trainSize());
    }

    @Test
    void fromArgsReadsTheOriginalNamesAndRejectsUnknownOnes() {
        Mnist1dConfig c = Mnist1dConfig.fromArgs(Map.of("num_samples", 12500, "padding", List.of(10, 20),
                "shuffle_seq", true, "seed", 7, "iid_noise_scale", 0.5));
        assertEquals(12500, c.numSamples());
        assertEquals(10, c.paddingLow());
        assertEquals(20, c.paddingHigh());
        assertTrue(c.shuffleSeq());
        assertEquals(7, c.seed());
        assertEquals(0.5, c.iidNoiseScale());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mnist1dConfig.fromArgs(Map.of("num_sample", 10)));
        assertTrue(e.getMessage().startsWith("unknown mnist1d argument 'num-sample'"), e.getMessage());
        assertEquals(c, Mnist1dConfig.fromArgs(Map.of("num_samples", 12500, "padding", List.of(10, 20),
                "shuffle_seq", true, "seed", 7, "iid_noise_scale", 0.5)));
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void badValuesNameTheArgumentAndTheAcceptedRange() {
        assertMessage("num-samples must be in [10, 2147483647], got 9", b -> b.numSamples(9));
        assertMessage("train-split must be in (0, 1), got 0.0", b -> b.trainSplit(0.0));
        assertMessage("train-split must be in (0, 1), got 1.0", b -> b.trainSplit(1.0));
        assertMessage("train-split must be in (0, 1), got NaN", b -> b.trainSplit(Double.NaN));
        assertMessage("template-len must be in [1, 2147483647], got 0", b -> b.templateLen(0));
        assertMessage("padding low must be in [0, padding high], got -1", b -> b.padding(-1, 5));
        assertMessage("padding high must be >= padding low (accepted range [10, 2147483647]), got padding=[10, 5]",
                b -> b.padding(10, 5));
        assertMessage("template-len + padding high (the working length) must be in [2, 100000000], got 1",
                b -> b.templateLen(1).padding(0, 0));
        assertMessage("scale-coeff must be in [0, +inf) (finite), got -0.1", b -> b.scaleCoeff(-0.1));
        assertMessage("max-translation must be in [1, 2147483647], got 0", b -> b.maxTranslation(0));
        assertMessage("corr-noise-scale must be in [0, +inf) (finite), got -0.25", b -> b.corrNoiseScale(-0.25));
        assertMessage("iid-noise-scale must be in [0, +inf) (finite), got -1.0E-4", b -> b.iidNoiseScale(-1e-4));
        assertMessage("iid-noise-scale must be in [0, +inf) (finite), got Infinity",
                b -> b.iidNoiseScale(Double.POSITIVE_INFINITY));
        assertMessage("shear-scale must be in [0, +inf) (finite), got NaN", b -> b.shearScale(Double.NaN));
        assertMessage("final-seq-length must be in [2, 2147483647], got 1", b -> b.finalSeqLength(1));
        assertMessage("the data set size, 100000000 samples (num-samples 100000000) × final-seq-length 40 = "
                + "4000000000 values, must be at most 2147483631; lower num-samples or final-seq-length",
                b -> b.numSamples(100_000_000));
        // the size counts the generated samples, 10·⌊num_samples / 10⌋: 1010 × 2,147,000 is too many values
        assertMessage("the data set size, 1010 samples (num-samples 1019) × final-seq-length 2147000 = "
                + "2168470000 values, must be at most 2147483631; lower num-samples or final-seq-length",
                b -> b.numSamples(1019).finalSeqLength(2_147_000));
        assertMessage("seed must be in [0, 4294967295], got -1", b -> b.seed(-1));
        assertMessage("seed must be in [0, 4294967295], got 4294967296", b -> b.seed(1L << 32));
    }

    @Test
    void theSizeLimitCountsGeneratedSamplesNotRequestedOnes() {
        // 1009 requested → 1000 generated; 1000 × 2,147,000 values fit, 1009 × 2,147,000 would not
        assertEquals(1000, Mnist1dConfig.builder().numSamples(1009).finalSeqLength(2_147_000).build().total());
    }

    @Test
    void boundaryValuesAreAccepted() {
        Mnist1dConfig c = Mnist1dConfig.builder().numSamples(10).padding(0, 0).templateLen(2).maxTranslation(1)
                .corrNoiseScale(0).iidNoiseScale(0).shearScale(0).scaleCoeff(0).finalSeqLength(2)
                .seed(4294967295L).build();
        assertEquals(2, c.workingLength());
    }

    private static void assertMessage(String expected, Consumer<Mnist1dConfig.Builder> change) {
        Mnist1dConfig.Builder b = Mnist1dConfig.builder();
        change.accept(b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals(expected, e.getMessage());
    }
}
