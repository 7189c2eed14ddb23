package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The legacy NumPy RNG against the draws recorded from NumPy itself in
 * {@code rng-and-transform-trace.json}, plus the MT19937 reference output for {@code init_by_array}.
 */
class LegacyRandomStateTest {

    private static JsonNode trace;

    @BeforeAll
    static void loadTrace() throws IOException {
        trace = new ObjectMapper().readTree(SharedReference.mnist1dFile("rng-and-transform-trace.json").toFile());
    }

    private static double num(JsonNode n) {
        return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
    }

    private static LegacyRandomState seeded() {
        return new LegacyRandomState(trace.get("seed").asLong());
    }

    @Test
    void keyWordsAfterSeedingMatchNumpy() {
        long[] key = seeded().stateKey();
        JsonNode expected = trace.get("mt19937_state_after_seed42_first5_words");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).asLong(), key[i], "key word " + i);
        }
    }

    @Test
    void firstTemperedOutputsMatchNumpy() {
        LegacyRandomState rng = seeded();
        JsonNode expected = trace.get("raw_uint32_first5");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).asLong(), rng.nextUInt32(), "u32 " + i);
        }
        assertEquals(expected.size(), rng.drawCount());
    }

    /** One stream: rand ×5, randn ×5 (leaves a cached value), choice(48) ×8, randn(7), permutations. */
    @Test
    void recordedStreamMatchesNumpyIncludingGaussCache() {
        LegacyRandomState rng = seeded();
        for (JsonNode v : trace.get("rand_x5")) {
            assertEquals(num(v), rng.randomSample(), "rand");
        }
        for (JsonNode v : trace.get("randn_x5")) {
            assertEquals(num(v), rng.gauss(), "randn");
        }
        for (JsonNode v : trace.get("choice48_x8")) {
            assertEquals(v.asInt(), rng.choice(48), "choice(48)");
        }
        double[] vec = new double[trace.get("randn_vec7").size()];
        rng.gauss(vec, vec.length);
        for (int i = 0; i < vec.length; i++) {
            assertEquals(num(trace.get("randn_vec7").get(i)), vec[i], "randn(7)[" + i + "]");
        }
        JsonNode p10 = trace.get("permutation10");
        assertArrayEquals(ints(p10), rng.permutation(p10.size()), "permutation(10)");
        JsonNode p5000 = trace.get("permutation5000_first20");
        int[] perm = rng.permutation(5000);
        for (int i = 0; i < p5000.size(); i++) {
            assertEquals(p5000.get(i).asInt(), perm[i], "permutation(5000)[" + i + "]");
        }
    }

    @Test
    void reseedingClearsTheGaussCacheAndRestartsTheStream() {
        LegacyRandomState rng = seeded();
        double first = rng.gauss();
        rng.gauss();
        rng.gauss(); // leaves a cached value
        rng.seed(trace.get("seed").asLong());
        assertEquals(0, rng.drawCount());
        assertEquals(first, rng.gauss());
    }

    /** Matsumoto and Nishimura's mt19937ar.c reference output for init_by_array({0x123, 0x234, 0x345, 0x456}). */
    @Test
    void initByArrayMatchesTheMt19937Reference() {
        LegacyRandomState rng = new LegacyRandomState(0);
        rng.seed(new int[] {0x123, 0x234, 0x345, 0x456});
        long[] expected = {1067595299L, 955945823L, 477289528L, 4107218783L, 4228976476L};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], rng.nextUInt32(), "output " + i);
        }
    }

    /** Bounded draws by masked rejection: interval(0) consumes nothing; choice(1) is always 0. */
    @Test
    void degenerateRangesConsumeNothing() {
        LegacyRandomState rng = seeded();
        assertEquals(0, rng.interval(0));
        assertEquals(0, rng.choice(1));
        assertEquals(0, rng.drawCount());
        assertArrayEquals(new int[] {0}, rng.permutation(1));
        assertEquals(0, rng.drawCount());
    }

    /** With mask 63 for choice(48), each draw is the low 6 bits of the next u32 that has them ≤ 47. */
    @Test
    void choiceIsMaskedRejectionOnTheRawStream() {
        LegacyRandomState raw = seeded();
        LegacyRandomState rng = seeded();
        for (int i = 0; i < 50; i++) {
            long v;
            do {
                v = raw.nextUInt32() & 63;
            } while (v > 47);
            assertEquals(v, rng.choice(48));
        }
        assertEquals(raw.drawCount(), rng.drawCount());
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LegacyRandomState(-1));
        assertEquals("seed must be in [0, 4294967295], got -1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LegacyRandomState(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> seeded().choice(0));
        assertThrows(IllegalArgumentException.class, () -> seeded().seed(new int[0]));
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
