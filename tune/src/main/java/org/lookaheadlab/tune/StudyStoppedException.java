package org.lookaheadlab.tune;

/** A study stopped because its latest trials all failed ({@link Study.Builder#maxConsecutiveFailures}). */
public final class StudyStoppedException extends IllegalStateException {

    private final transient FrozenTrial lastFailed;

    StudyStoppedException(String study, int failures, FrozenTrial lastFailed) {
        super("study '" + study + "' stopped: its last " + failures + " trials all failed (last, Trial#"
                + lastFailed.number() + ": " + lastFailed.failReason() + ")");
        this.lastFailed = lastFailed;
    }

    /** The latest of the failed trials. */
    public FrozenTrial lastFailed() {
        return lastFailed;
    }
}
