package org.lookaheadlab.lab.cli;

import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.Protocol;
import org.lookaheadlab.lab.model.BatchedModels;
import org.lookaheadlab.lab.model.ModelSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --batch-runs} and {@code --tune-batch} flags of {@code compare} (a picocli mixin): how many verdict
 * runs of one configuration (its verdict seeds) train together as one batched computation ({@link
 * org.lookaheadlab.lab.train.BatchedTrainer}), and how many tuning trials of a study are asked together and
 * trained as one batch per round ({@link org.lookaheadlab.lab.experiment.Protocol#tuneBatch}). {@code --batch-runs
 * 1} trains every run alone and, unless {@code --tune-batch} is given, every trial too. Models without a batched
 * form (gru, resnet18, nqm) always train alone.
 */
public final class BatchRunsOption {

    /**
     * The default width: the benchmark (README, "Batched runs") measured the per-run-step cost falling until about
     * 20 runs and flat beyond, and a configuration rarely has more verdict seeds than that.
     */
    public static final int DEFAULT = 20;

    /**
     * The default tuning round: TPE's 10 startup trials, so the first round of a study draws exactly the trials a
     * one-at-a-time study starts with, and later rounds ask 10 at a time with the constant liar (a study of 20
     * trials: two rounds).
     */
    public static final int DEFAULT_TUNE = 10;

    @Option(names = "--batch-runs", paramLabel = "R",
            description = "verdict runs of one configuration trained together as one batched computation "
                    + "(default: " + DEFAULT + " for the MLPs, 1 for the cnn, measured slower batched; 1: every run "
                    + "alone; models gru, resnet18 and nqm always alone)")
    Integer batchRuns;

    @Option(names = "--tune-batch", paramLabel = "W",
            description = "tuning trials of a study asked together (TPE's constant liar) and trained as one batched "
                    + "computation, a round at a time (default: " + DEFAULT_TUNE + ", at most --batch-runs, so 1 for the cnn; 1: one "
                    + "trial at a time, the default with --pruner median, which needs it; models gru, resnet18 and "
                    + "nqm: one at a time)")
    Integer tuneBatch;

    /**
     * The batch width for {@code model}: {@code --batch-runs}, or by default {@link #DEFAULT} for a model whose
     * batched form is faster ({@link BatchedModels#fasterBatched}) and 1 for the others.
     *
     * @throws IllegalArgumentException for {@code --batch-runs} below 1
     */
    public int resolve(ModelSpec model) {
        check();
        return batchRuns != null ? batchRuns : BatchedModels.fasterBatched(model) ? DEFAULT : 1;
    }

    /**
     * {@code e} with its tuning round: {@code --tune-batch}, or by default {@link #DEFAULT_TUNE} capped by
     * {@link #resolve(ModelSpec) the batch width} of its model, and 1 with pruner median (a round trains every
     * trial to its end).
     *
     * @throws IllegalArgumentException for a width below 1, or above 1 with pruner median
     */
    Experiment withTuneBatch(Experiment e) {
        check();
        Protocol p = e.protocol();
        int width = tuneBatch != null ? tuneBatch
                : p.pruner().equals("median") ? 1 : Math.min(DEFAULT_TUNE, resolve(e.model()));
        if (width > 1 && p.pruner().equals("median")) {
            throw new IllegalArgumentException("--tune-batch is " + width + " with --pruner median, accepted: "
                    + "--tune-batch 1 with --pruner median (a round of batched trials trains every trial to its "
                    + "end, nothing to prune), or --pruner none");
        }
        return e.withProtocol(p.withTuneBatch(width));
    }

    /** Checks {@code --batch-runs} and {@code --tune-batch} alone (before anything runs). */
    void check() {
        if (batchRuns != null && batchRuns < 1) {
            throw new IllegalArgumentException("--batch-runs is " + batchRuns + ", accepted range: >= 1 (1: no batching)");
        }
        if (tuneBatch != null && tuneBatch < 1) {
            throw new IllegalArgumentException("--tune-batch is " + tuneBatch + ", accepted range: >= 1 (1: one trial "
                    + "at a time)");
        }
    }
}
