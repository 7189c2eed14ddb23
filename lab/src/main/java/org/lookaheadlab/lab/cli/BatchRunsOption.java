package org.lookaheadlab.lab.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --batch-runs} flag of {@code compare} (a picocli mixin): how many verdict runs of one configuration
 * (its verdict seeds) train together as one batched computation ({@link org.lookaheadlab.lab.train.BatchedTrainer}).
 * 1 trains every run alone. Models without a batched form (gru, resnet18, nqm) always train alone.
 */
public final class BatchRunsOption {

    /**
     * The default width: the benchmark (README, "Batched runs") measured the per-run-step cost falling until about
     * 20 runs and flat beyond, and a configuration rarely has more verdict seeds than that.
     */
    public static final int DEFAULT = 20;

    @Option(names = "--batch-runs", paramLabel = "R",
            description = "verdict runs of one configuration trained together as one batched computation "
                    + "(default: " + DEFAULT + "; 1: every run alone; models gru, resnet18 and nqm always alone)")
    Integer batchRuns;

    /**
     * The batch width: {@code --batch-runs}, or {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException for {@code --batch-runs} below 1
     */
    public int resolve() {
        check();
        return batchRuns != null ? batchRuns : DEFAULT;
    }

    /** Checks {@code --batch-runs} alone (before anything runs). */
    void check() {
        if (batchRuns != null && batchRuns < 1) {
            throw new IllegalArgumentException("--batch-runs is " + batchRuns + ", accepted range: >= 1 (1: no batching)");
        }
    }
}
