package org.lookaheadlab.tune;

/** Life-cycle state of a trial. COMPLETE, PRUNED and FAIL are final. */
public enum TrialState {
    RUNNING, COMPLETE, PRUNED, FAIL;

    /** True for COMPLETE, PRUNED and FAIL. */
    public boolean isFinished() {
        return this != RUNNING;
    }
}
