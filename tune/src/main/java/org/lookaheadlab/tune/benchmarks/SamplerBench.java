package org.lookaheadlab.tune.benchmarks;

import java.util.Arrays;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.RandomSampler;
import org.lookaheadlab.tune.samplers.Sampler;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;
import org.lookaheadlab.tune.storage.InMemoryStorage;

/**
 * Runs a sampler on a benchmark function several times (repeat i uses seed + i, in memory) and reports the
 * best value of each repeat.
 */
public final class SamplerBench {

    private SamplerBench() {
    }

    /** A sampler by name: "tpe" or "random". */
    public static Sampler sampler(String name, long seed) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "tpe" -> new TpeSampler(seed);
            case "random" -> new RandomSampler(seed);
            default -> throw new IllegalArgumentException("sampler must be tpe or random, but got '" + name + "'.");
        };
    }

    /** The best value found in one study of {@code trials} trials. */
    public static double bestOf(BenchmarkFunction f, Sampler sampler, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, but got " + trials + ".");
        }
        Study study = Study.builder().name("bench").direction(StudyDirection.MINIMIZE).sampler(sampler)
                .pruner(new NopPruner()).storage(new InMemoryStorage()).build();
        study.optimize(f::evaluate, trials);
        return study.bestTrial().value();
    }

    /** Best value per repeat, repeat i seeded with seed + i. */
    public static double[] run(BenchmarkFunction f, String samplerName, int trials, int repeats, long seed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, but got " + repeats + ".");
        }
        double[] best = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            best[i] = bestOf(f, sampler(samplerName, seed + i), trials);
        }
        return best;
    }

    /** The median (mean of the two middle values for an even count). */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
