package org.lookaheadlab.lab.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --jobs} flag of {@code compare} and {@code tune} (a picocli mixin): how many training runs at once,
 * each on its own thread of this JVM. By default every available processor is used: the available processors
 * divided by the engine threads of one run (1 for the small models, so one run per core; resnet18 already uses
 * every core in one run).
 */
public final class JobsOption {

    @Option(names = "--jobs", paramLabel = "N",
            description = "training runs at once, each on its own thread (default: the available processors "
                    + "divided by the engine threads per run, i.e. one run per core for the small models)")
    Integer jobs;

    /**
     * The number of runs at once: {@code --jobs}, or the available processors over {@code threadsPerRun} (at
     * least 1).
     *
     * @throws IllegalArgumentException for {@code --jobs} below 1
     */
    public int resolve(int threadsPerRun) {
        if (jobs != null) {
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs is " + jobs + ", accepted range: >= 1");
            }
            return jobs;
        }
        return defaultJobs(Runtime.getRuntime().availableProcessors(), threadsPerRun);
    }

    /** {@code cores / threadsPerRun}, at least 1. */
    static int defaultJobs(int cores, int threadsPerRun) {
        return Math.max(1, cores / Math.max(1, threadsPerRun));
    }

    /** Checks {@code --jobs} alone (before anything runs). */
    void check() {
        if (jobs != null && jobs < 1) {
            throw new IllegalArgumentException("--jobs is " + jobs + ", accepted range: >= 1");
        }
    }
}
