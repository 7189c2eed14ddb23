package org.lookaheadlab.tune.samplers.tpe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.Trial;
import org.lookaheadlab.tune.distributions.Distribution;
import org.lookaheadlab.tune.samplers.RandomSampler;
import org.lookaheadlab.tune.samplers.Sampler;
import org.lookaheadlab.tune.samplers.SeedStreams;

/**
 * The Tree-structured Parzen Estimator (Optuna v5 semantics, single objective).
 *
 * <p>While fewer than {@code nStartupTrials} trials are COMPLETE or PRUNED, every parameter comes from a
 * {@link RandomSampler} with the same seed (so the startup trials equal RandomSampler(seed)'s). After that,
 * the history is split into below/above ({@link TrialSplit}); a Parzen estimator l(x) is fit to the below
 * trials and g(x) to the above ones ({@link ParzenEstimator}); {@code nEiCandidates} points are drawn from
 * l(x) and the one with the largest log l(x) − log g(x) is returned (first on ties).
 *
 * <p>Multivariate (default): the relative search space is the intersection of the distributions of all
 * COMPLETE/PRUNED trials (same distribution in every one, single-valued ones dropped, sorted by name), sampled
 * jointly at the trial's first suggestion; parameters outside it get a one-dimensional TPE. Univariate: every
 * parameter gets a one-dimensional TPE over the trials that hold it. Constant liar (default on): other RUNNING
 * trials join the above group. Defaults: 10 startup trials, 24 candidates, gamma(n) = min(⌈n/10⌉, 25), prior
 * weight 1, magic clip on. Random streams come from (seed, trial number, purpose), see {@link SeedStreams}.
 */
public final class TpeSampler implements Sampler {

    private static final String RELATIVE = "tpe:relative";

    private final long seed;
    private final int nStartupTrials;
    private final int nEiCandidates;
    private final double priorWeight;
    private final boolean magicClip;
    private final boolean multivariate;
    private final boolean constantLiar;
    private final RandomSampler random;

    private TpeSampler(Builder b) {
        this.seed = b.seed != null ? b.seed : SeedStreams.entropySeed();
        this.nStartupTrials = b.nStartupTrials;
        this.nEiCandidates = b.nEiCandidates;
        this.priorWeight = b.priorWeight;
        this.magicClip = b.magicClip;
        this.multivariate = b.multivariate;
        this.constantLiar = b.constantLiar;
        this.random = new RandomSampler(seed);
    }

    /** Defaults, seeded from OS entropy. */
    public TpeSampler() {
        this(builder());
    }

    /** Defaults with a seed. */
    public TpeSampler(long seed) {
        this(builder().seed(seed));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(Study study, Trial trial) {
        if (!multivariate) {
            return Map.of();
        }
        Map<String, Distribution> space = null;
        for (FrozenTrial t : trial.history()) {
            if (!TrialSplit.finished(t)) {
                continue;
            }
            if (space == null) {
                space = new TreeMap<>(t.distributions());
            } else {
                space.entrySet().removeIf(e -> !sameDistribution(e.getValue(), t.distributions().get(e.getKey())));
            }
        }
        if (space == null) {
            return Map.of();
        }
        space.values().removeIf(Distribution::single);
        return space;
    }

    @Override
    public Map<String, Double> sampleRelative(Study study, Trial trial, Map<String, Distribution> space) {
        if (space.isEmpty() || finishedCount(trial.history()) < nStartupTrials) {
            return Map.of();
        }
        return sample(study, trial, space, RELATIVE);
    }

    @Override
    public double sampleIndependent(Study study, Trial trial, String name, Distribution distribution) {
        if (finishedCount(trial.history()) < nStartupTrials) {
            return random.sampleIndependent(study, trial, name, distribution);
        }
        return sample(study, trial, Map.of(name, distribution), name).get(name);
    }

    private static boolean sameDistribution(Distribution a, Distribution b) {
        return a == b || a.equals(b);
    }

    private static int finishedCount(List<FrozenTrial> history) {
        int n = 0;
        for (FrozenTrial t : history) {
            if (TrialSplit.finished(t)) {
                n++;
            }
        }
        return n;
    }

    private Map<String, Double> sample(Study study, Trial trial, Map<String, Distribution> space, String purpose) {
        List<String> names = new ArrayList<>(space.keySet());
        List<Distribution> dists = new ArrayList<>(space.values());
        TrialSplit split = TrialSplit.of(trial.history(), trial.trialId(), study.direction(), constantLiar);
        ProductMixture below = estimator(split.below(), names, dists);
        ProductMixture above = estimator(split.above(), names, dists);
        SplittableRandom rng = SeedStreams.stream(seed, trial.number(), purpose);
        double[][] candidates = below.sample(rng, nEiCandidates);
        double[] lb = below.logPdf(candidates);
        double[] la = above.logPdf(candidates);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates.length; i++) {
            double score = lb[i] - la[i];
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int d = 0; d < names.size(); d++) {
            out.put(names.get(d), candidates[best][d]);
        }
        return out;
    }

    private ProductMixture estimator(List<FrozenTrial> group, List<String> names, List<Distribution> dists) {
        List<double[]> rows = new ArrayList<>(group.size());
        for (FrozenTrial t : group) {
            double[] row = new double[names.size()];
            boolean ok = true;
            for (int d = 0; d < row.length && ok; d++) {
                Double v = t.internalParams().get(names.get(d));
                ok = v != null && dists.get(d).contains(v);
                row[d] = ok ? v : 0;
            }
            if (ok) {
                rows.add(row);
            }
        }
        double[][] obs = rows.toArray(new double[0][]);
        return ParzenEstimator.build(dists, obs, TpeDefaults.weights(obs.length), priorWeight, magicClip);
    }

    /** Options; every default is Optuna v5's. */
    public static final class Builder {
        private Long seed;
        private int nStartupTrials = 10;
        private int nEiCandidates = 24;
        private double priorWeight = 1.0;
        private boolean magicClip = true;
        private boolean multivariate = true;
        private boolean constantLiar = true;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder nStartupTrials(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("nStartupTrials must be >= 0, but got " + n + ".");
            }
            this.nStartupTrials = n;
            return this;
        }

        public Builder nEiCandidates(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("nEiCandidates must be >= 1, but got " + n + ".");
            }
            this.nEiCandidates = n;
            return this;
        }

        public Builder priorWeight(double w) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException(
                        "A non-negative value must be specified for prior_weight, but got " + w + ".");
            }
            this.priorWeight = w;
            return this;
        }

        public Builder magicClip(boolean on) {
            this.magicClip = on;
            return this;
        }

        public Builder multivariate(boolean on) {
            this.multivariate = on;
            return this;
        }

        /**
         * Constant liar (default on, as in Optuna v5): every other RUNNING trial joins the "above" group, i.e.
         * counts as worse than every finished trial (the worst value seen), so that the asks of parallel workers are
         * pushed away from the points being evaluated instead of piling onto the best region; running trials do
         * not count in gamma(n). With no running trial besides the one asking (one worker), it changes nothing.
         * Unlike Optuna, a running trial's joint (relative) sample is not published before its suggest calls: a
         * worker that asks between another's ask and its first suggestion does not see that trial's values.
         */
        public Builder constantLiar(boolean on) {
            this.constantLiar = on;
            return this;
        }

        public TpeSampler build() {
            return new TpeSampler(this);
        }
    }
}
