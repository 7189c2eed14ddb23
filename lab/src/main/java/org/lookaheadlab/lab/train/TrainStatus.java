package org.lookaheadlab.lab.train;

/** How a training run ended. */
public enum TrainStatus {
    /** All requested epochs or steps ran. */
    COMPLETED,
    /** A training loss became NaN or infinite; the run stopped there. */
    DIVERGED
}
