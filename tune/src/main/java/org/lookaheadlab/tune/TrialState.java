package org.lookaheadlab.tune;

/**
 * Life-cycle state of a trial. WAITING (enqueued with fixed parameters, not started) becomes RUNNING when a
 * worker's {@code ask} takes it; COMPLETE, PRUNED and FAIL are final.
 */
public enum TrialState {
    RUNNING, COMPLETE, PRUNED, FAIL, WAITING;

    /** True for COMPLETE, PRUNED and FAIL. */
    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
