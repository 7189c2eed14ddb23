package org.lookaheadlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lookaheadlab.lab.train.ObjectiveMetric;

/**
 * How a comparison is run; the same for every contender.
 *
 * @param epochs epochs of every tuning trial and verdict run (≥ 1)
 * @param batchSize batch size of tuning and verdict runs (≥ 1)
 * @param objective what the tuner minimises
 * @param trials COMPLETE trials per contender (≥ 1)
 * @param sampler {@code tpe} or {@code random}
 * @param samplerSeed seed of every contender's sampler
 * @param tuneSeed seed of the initial weights and data order of every tuning trial
 * @param seeds number of verdict seeds (≥ 1), see {@link #seedList()}; a seed gives every contender the same
 *     initial weights and data order
 * @param batchSizes optional sweep: each contender's best configuration is also trained at these batch sizes
 * @param pruner {@code none} or {@code median} (median pruning of trials on the per-epoch validation loss)
 * @param studies independent tuning studies per contender (≥ 1)
 * @param evalEvery verdict runs are also evaluated every this many steps (0: once per epoch only)
 * @param target the validation loss of time to target, or null for the baseline's median final validation loss
 * @param tuneBatch trials of a study asked and trained together as one round (≥ 1; 1: one trial at a time, as
 *     before), see {@link ExperimentRunner}; more than 1 needs pruner {@code none} (a round trains every trial to
 *     its end)
 */
public record Protocol(
        int epochs,
        int batchSize,
        ObjectiveMetric objective,
        int trials,
        String sampler,
        long samplerSeed,
        long tuneSeed,
        int seeds,
        List<Integer> batchSizes,
        String pruner,
        int studies,
        int evalEvery,
        Double target,
        int tuneBatch) {

    /** A protocol with one tuning study per contender. */
    public Protocol(int epochs, int batchSize, ObjectiveMetric objective, int trials, String sampler, long samplerSeed,
            long tuneSeed, int seeds, List<Integer> batchSizes, String pruner) {
        this(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes, pruner, 1, 0, null);
    }

    /** A protocol whose studies run one trial at a time. */
    public Protocol(int epochs, int batchSize, ObjectiveMetric objective, int trials, String sampler, long samplerSeed,
            long tuneSeed, int seeds, List<Integer> batchSizes, String pruner, int studies, int evalEvery,
            Double target) {
        this(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes, pruner, studies,
                evalEvery, target, 1);
    }

    /** The accepted sampler names. */
    public static final List<String> SAMPLERS = List.of("tpe", "random");
    /** The accepted pruner names. */
    public static final List<String> PRUNERS = List.of("none", "median");

    public Protocol {
        positive("epochs", epochs);
        positive("batch size", batchSize);
        positive("trials", trials);
        positive("seeds", seeds);
        positive("studies", studies);
        if (tuneBatch < 1) {
            throw new IllegalArgumentException("tune batch is " + tuneBatch + ", accepted range: >= 1 (1: one trial at "
                    + "a time)");
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("eval-every is " + evalEvery + ", accepted range: >= 1 (0: once per epoch)");
        }
        if (target != null && !Double.isFinite(target)) {
            throw new IllegalArgumentException("target is " + target + ", accepted: a finite number");
        }
        Objects.requireNonNull(objective, "objective");
        sampler = sampler == null ? "tpe" : sampler.toLowerCase(Locale.ROOT);
        if (!SAMPLERS.contains(sampler)) {
            throw new IllegalArgumentException("sampler is '" + sampler + "', accepted: tpe, random");
        }
        pruner = pruner == null ? "none" : pruner.toLowerCase(Locale.ROOT);
        if (!PRUNERS.contains(pruner)) {
            throw new IllegalArgumentException("pruner is '" + pruner + "', accepted: none, median");
        }
        if (tuneBatch > 1 && pruner.equals("median")) {
            throw new IllegalArgumentException("tune batch is " + tuneBatch + " with pruner median, accepted: tune "
                    + "batch 1 with pruner median (a round of batched trials trains every trial to its end), or "
                    + "pruner none");
        }
        batchSizes = batchSizes == null ? List.of() : List.copyOf(batchSizes);
        for (int b : batchSizes) {
            positive("batch size in the sweep", b);
        }
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " is " + value + ", accepted range: >= 1");
        }
    }

    /**
     * The verdict seeds: the {@code seeds} consecutive values after the tuning seeds ({@link #tuneSeed(int)} of every
     * study). They never include a tuning seed, so a best configuration, chosen on its study's initial weights and
     * data order, is judged on fresh ones only. With one study: {@code tuneSeed + 1 … tuneSeed + seeds}.
     */
    public List<Long> seedList() {
        List<Long> list = new ArrayList<>();
        for (long i = 0; i < seeds; i++) {
            list.add(tuneSeed + studies + i);
        }
        return list;
    }

    /** The tuning seed (initial weights and data order of every trial) of study {@code s} (0-based). */
    public long tuneSeed(int s) {
        return tuneSeed + s;
    }

    /** The sampler seed of study {@code s} (0-based). */
    public long samplerSeed(int s) {
        return samplerSeed + s;
    }

    /**
     * A copy whose verdict runs are also evaluated every {@code n} steps (0: once per epoch), for finer curves and
     * time to target; tuning trials are still evaluated once per epoch.
     */
    public Protocol withEvalEvery(int n) {
        return new Protocol(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes,
                pruner, studies, n, target, tuneBatch);
    }

    /** A copy whose time-to-target target is {@code v} (null: the baseline's median final validation loss). */
    public Protocol withTarget(Double v) {
        return new Protocol(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes,
                pruner, studies, evalEvery, v, tuneBatch);
    }

    /** A copy with {@code n} independent tuning studies per contender. */
    public Protocol withStudies(int n) {
        return new Protocol(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes,
                pruner, n, evalEvery, target, tuneBatch);
    }

    /** A copy whose studies ask and train {@code n} trials at a time, as one round (1: one at a time). */
    public Protocol withTuneBatch(int n) {
        return new Protocol(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes,
                pruner, studies, evalEvery, target, n);
    }

    public Protocol withEpochs(int n) {
        return new Protocol(n, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes, pruner, studies, evalEvery, target, tuneBatch);
    }

    public Protocol withBatchSize(int n) {
        return new Protocol(epochs, n, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes, pruner, studies, evalEvery, target, tuneBatch);
    }

    public Protocol withTrials(int n) {
        return new Protocol(epochs, batchSize, objective, n, sampler, samplerSeed, tuneSeed, seeds, batchSizes, pruner, studies, evalEvery, target, tuneBatch);
    }

    public Protocol withSeeds(int n) {
        return new Protocol(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, n, batchSizes, pruner, studies, evalEvery, target, tuneBatch);
    }

    public Protocol withObjective(ObjectiveMetric o) {
        return new Protocol(epochs, batchSize, o, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes, pruner, studies, evalEvery, target, tuneBatch);
    }

    public Protocol withSampler(String name, long seed) {
        return new Protocol(epochs, batchSize, objective, trials, name, seed, tuneSeed, seeds, batchSizes, pruner, studies, evalEvery, target, tuneBatch);
    }

    public Protocol withBatchSizes(List<Integer> sizes) {
        return new Protocol(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, sizes, pruner, studies, evalEvery, target, tuneBatch);
    }

    public Protocol withPruner(String name) {
        return new Protocol(epochs, batchSize, objective, trials, sampler, samplerSeed, tuneSeed, seeds, batchSizes, name, studies, evalEvery, target, tuneBatch);
    }
}
