package org.lookaheadlab.lab.experiment;

import java.util.List;

/**
 * A finished comparison: protocol plus one result per contender; the first contender is the baseline.
 *
 * @param setup the protocol
 * @param contenders results in contender order (baseline first)
 * @param startedAt ISO-8601 start time
 * @param wallSeconds total wall time of tuning and verdict runs
 * @param environment the machine and software it ran on, null when not recorded (older results files)
 */
public record ExperimentResult(
        ExperimentSetup setup, List<ContenderResult> contenders, String startedAt, double wallSeconds,
        RunEnvironment environment) {

    /** A result without a recorded environment. */
    public ExperimentResult(ExperimentSetup setup, List<ContenderResult> contenders, String startedAt,
            double wallSeconds) {
        this(setup, contenders, startedAt, wallSeconds, null);
    }

    public ExperimentResult {
        if (setup == null) {
            throw new IllegalArgumentException("an experiment result needs its setup, got none");
        }
        if (contenders == null) {
            throw new IllegalArgumentException("an experiment result needs at least 1 contender, got none");
        }
        contenders = List.copyOf(contenders);
        if (contenders.isEmpty()) {
            throw new IllegalArgumentException("an experiment result needs at least 1 contender, got 0");
        }
    }

    public ContenderResult baseline() {
        return contenders.get(0);
    }
}
