package org.lookaheadlab.lab.experiment;

import java.util.List;

/**
 * The protocol of a finished comparison, as recorded in {@code results.json}.
 *
 * @param name experiment name (study name prefix)
 * @param preset preset it came from, or null
 * @param data data description, e.g. "mnist1d:num-samples=12500"
 * @param validation where validation metrics come from, e.g. "none: the test split serves as validation"
 * @param model model description, e.g. "mlp(100)"
 * @param epochs epochs per run
 * @param batchSize batch size of tuning and verdict runs
 * @param objective objective name (final-val-loss or min-val-loss)
 * @param trials COMPLETE trials per contender
 * @param sampler sampler name (tpe or random)
 * @param samplerSeed sampler seed shared by every contender's study
 * @param tuneSeed seed of the initial weights and data order shared by every tuning trial
 * @param seeds verdict seeds, in order
 * @param batchSizes batch sizes of the sweep (empty for none)
 * @param storage storage URL of the studies (passwords removed)
 * @param lrSchedule the learning-rate schedule of every contender's base optimizer, e.g.
 *     {@code cosine(lrMin=0, steps=run)} ("run": each run's total steps), {@code none} for a constant lr, or
 *     null in a results file written before schedules were recorded
 * @param target the time-to-target validation loss given with {@code --target}, or null for the default
 * @param tuneBatch trials of a study asked and trained together as one round; null (a results file written before
 *     rounds) or 1: one at a time
 */
public record ExperimentSetup(
        String name,
        String preset,
        String data,
        String validation,
        String model,
        int epochs,
        int batchSize,
        String objective,
        int trials,
        String sampler,
        long samplerSeed,
        long tuneSeed,
        List<Long> seeds,
        List<Integer> batchSizes,
        String storage,
        String lrSchedule,
        Double target,
        Integer tuneBatch) {

    /** A setup whose time-to-target target is the default (the baseline's median final validation loss). */
    public ExperimentSetup(String name, String preset, String data, String validation, String model, int epochs,
            int batchSize, String objective, int trials, String sampler, long samplerSeed, long tuneSeed,
            List<Long> seeds, List<Integer> batchSizes, String storage, String lrSchedule) {
        this(name, preset, data, validation, model, epochs, batchSize, objective, trials, sampler, samplerSeed,
                tuneSeed, seeds, batchSizes, storage, lrSchedule, null, null);
    }

    /** A setup whose studies ran one trial at a time. */
    public ExperimentSetup(String name, String preset, String data, String validation, String model, int epochs,
            int batchSize, String objective, int trials, String sampler, long samplerSeed, long tuneSeed,
            List<Long> seeds, List<Integer> batchSizes, String storage, String lrSchedule, Double target) {
        this(name, preset, data, validation, model, epochs, batchSize, objective, trials, sampler, samplerSeed,
                tuneSeed, seeds, batchSizes, storage, lrSchedule, target, null);
    }

    /** Trials per round of tuning: {@link #tuneBatch}, 1 when not recorded. */
    public int trialsPerRound() {
        return tuneBatch == null ? 1 : tuneBatch;
    }

    public ExperimentSetup {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        batchSizes = batchSizes == null ? List.of() : List.copyOf(batchSizes);
    }
}
