package org.lookaheadlab.tune;

/** Thrown by an objective to stop its trial early; the trial ends PRUNED with its last intermediate value. */
public class TrialPruned extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialPruned() {
        super("trial pruned");
    }

    public TrialPruned(String message) {
        super(message);
    }
}
