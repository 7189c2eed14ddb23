package org.lookaheadlab.tune.samplers;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Per-trial random streams: the stream for (seed, trial number, purpose) is a pure function of the three, so
 * a seeded sequential study is reproducible (also across resume), and concurrent workers drawing for
 * different trial numbers never share draws.
 */
public final class SeedStreams {

    private static final SecureRandom ENTROPY = new SecureRandom();

    private SeedStreams() {
    }

    /** A fresh seed from OS entropy, for samplers built without one. */
    public static long entropySeed() {
        return ENTROPY.nextLong();
    }

    /** The stream for one purpose (e.g. a parameter name, or "relative") of one trial. */
    public static SplittableRandom stream(long seed, int trialNumber, String purpose) {
        long h = mix(seed);
        h = mix(h ^ (0x9E3779B97F4A7C15L * (trialNumber + 1L)));
        h = mix(h ^ purpose.hashCode());
        return new SplittableRandom(h);
    }

    /** The 64-bit finaliser of MurmurHash3 (fmix64). */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
