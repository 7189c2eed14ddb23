package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default generator's first sample (digit 0, right after seeding), step by step, against the trace recorded
 * from the original Python code ({@code first_sample_trace} of {@code rng-and-transform-trace.json}).
 */
class Mnist1dTransformTraceTest {

    /** Tolerance for values downstream of the Gaussian filter (NumPy's SIMD exp rounds two taps differently). */
    private static final double NOISE_TOLERANCE = 1e-15;

    private static JsonNode sampleTrace;
    private static long seed;

    @BeforeAll
    static void loadTrace() throws IOException {
        JsonNode trace =
                new ObjectMapper().readTree(SharedReference.mnist1dFile("rng-and-transform-trace.json").toFile());
        sampleTrace = trace.get("first_sample_trace");
        seed = trace.get("seed").asLong();
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = array.get(i);
            out[i] = n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
        }
        return out;
    }

    @Test
    void templateAndTimeAxisAreExact() {
        assertArrayExact(doubles(sampleTrace.get("template0")), Mnist1dTemplates.get().template(0), "template0");
        assertArrayExact(doubles(sampleTrace.get("t")), Mnist1dTemplates.get().time(), "t");
    }

    @Test
    void everyStepOfTheFirstSampleMatchesTheTrace() {
        Map<String, double[]> steps = new LinkedHashMap<>();
        Mnist1dTransform transform = new Mnist1dTransform(Mnist1dConfig.defaults());
        double[] out = new double[Mnist1dConfig.defaults().finalSeqLength()];
        transform.apply(Mnist1dTemplates.get().template(0), new LegacyRandomState(seed), out,
                (step, values) -> steps.put(step.traceName(), values));

        JsonNode expectedSteps = sampleTrace.get("steps");
        List<String> expectedOrder = new ArrayList<>();
        expectedSteps.fieldNames().forEachRemaining(expectedOrder::add);
        assertEquals(expectedOrder, new ArrayList<>(steps.keySet()), "step names and order");
        boolean afterNoise = false;
        for (String name : expectedOrder) {
            afterNoise |= name.equals("corr_noise");
            double[] expected = doubles(expectedSteps.get(name));
            double[] actual = steps.get(name);
            if (afterNoise) {
                assertArrayClose(expected, actual, NOISE_TOLERANCE, name);
            } else {
                assertArrayExact(expected, actual, name);
            }
        }
        assertArrayClose(doubles(expectedSteps.get("final")), out, NOISE_TOLERANCE, "output");
    }

    /** Spec §4.7 and §8.12: the first sample draws 343 words; all 5,000 draw 1,868,577. */
    @Test
    void defaultTransformsConsumeTheDocumentedNumberOfWords() {
        Mnist1dConfig config = Mnist1dConfig.defaults();
        Mnist1dTransform transform = new Mnist1dTransform(config);
        LegacyRandomState rng = new LegacyRandomState(config.seed());
        double[] out = new double[config.finalSeqLength()];
        transform.apply(Mnist1dTemplates.get().template(0), rng, out, null);
        assertEquals(343, rng.drawCount());
        for (int s = 1; s < config.total(); s++) {
            transform.apply(Mnist1dTemplates.get().template(s / config.samplesPerClass()), rng, out, null);
        }
        assertEquals(1_868_577L, rng.drawCount());
        rng.permutation(config.total());
        assertEquals(1_875_872L, rng.drawCount());
    }

    static void assertArrayExact(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                fail(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    static void assertArrayClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance)) {
                fail(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i] + " (tolerance "
                        + tolerance + ")");
            }
        }
    }
}
