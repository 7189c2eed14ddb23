package org.lookaheadlab.tune.samplers;

import java.util.SplittableRandom;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.Trial;
import org.lookaheadlab.tune.distributions.CategoricalDistribution;
import org.lookaheadlab.tune.distributions.Distribution;
import org.lookaheadlab.tune.distributions.FloatDistribution;
import org.lookaheadlab.tune.distributions.IntDistribution;

/**
 * Independent uniform sampling in a transformed space (Optuna's RandomSampler):
 * <ul>
 * <li>float: u ~ U[low, high), capped below high; log: x = exp(u), u ~ U[ln low, ln high);</li>
 * <li>float with step: u ~ U[low − step/2, high + step/2), x = clip(low + rint((u − low)/step)·step);</li>
 * <li>int: u ~ U[low − step/2, high + step/2), x = clamp(low + floor((u − low)/step + ½)·step);
 *     log int: u ~ U[ln(low − ½), ln(high + ½)), x = clamp(rint(exp(u)));</li>
 * <li>categorical: a uniform index.</li>
 * </ul>
 * The draws for a parameter come from the stream (seed, trial number, parameter name), see {@link SeedStreams}.
 */
public final class RandomSampler implements Sampler {

    private final long seed;

    /** A sampler seeded from OS entropy. */
    public RandomSampler() {
        this(SeedStreams.entropySeed());
    }

    public RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public double sampleIndependent(Study study, Trial trial, String name, Distribution distribution) {
        return sample(SeedStreams.stream(seed, trial.number(), name), distribution);
    }

    /** One uniform draw from the distribution, in internal representation. */
    public static double sample(SplittableRandom rng, Distribution d) {
        if (d instanceof FloatDistribution f) {
            if (f.step() != null) {
                double s = f.step();
                double u = uniform(rng, f.low() - s / 2, f.high() + s / 2);
                return clip(f.low() + Math.rint((u - f.low()) / s) * s, f.low(), f.high());
            }
            if (f.log()) {
                double u = uniform(rng, Math.log(f.low()), Math.log(f.high()));
                return belowHigh(Math.exp(u), f.low(), f.high());
            }
            return belowHigh(uniform(rng, f.low(), f.high()), f.low(), f.high());
        }
        if (d instanceof IntDistribution i) {
            if (i.log()) {
                double u = uniform(rng, Math.log(i.low() - 0.5), Math.log(i.high() + 0.5));
                return clip(Math.rint(Math.exp(u)), i.low(), i.high());
            }
            double u = uniform(rng, i.low() - i.step() / 2.0, i.high() + i.step() / 2.0);
            double k = Math.floor((u - i.low()) / i.step() + 0.5);
            return clip(i.low() + k * i.step(), i.low(), i.high());
        }
        return rng.nextInt(((CategoricalDistribution) d).choices().size());
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private static double belowHigh(double x, double low, double high) {
        if (low == high) {
            return low;
        }
        return Math.max(low, Math.min(x, Math.nextDown(high)));
    }

    static double clip(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
