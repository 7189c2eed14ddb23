package org.lookaheadlab.lab.experiment;

/** A tuning trial's training run diverged; thrown from the objective so that the trial ends as FAIL. */
public final class TrialDiverged extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialDiverged(String message) {
        super(message);
    }
}
