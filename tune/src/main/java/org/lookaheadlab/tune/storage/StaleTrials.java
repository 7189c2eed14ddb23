package org.lookaheadlab.tune.storage;

/** When a RUNNING trial's worker counts as gone, and the wording stored on the trials failed for it. */
public final class StaleTrials {

    /** The fail reason stored on a trial whose worker is gone. */
    public static final String REASON = "worker gone: the process running this trial died or stopped sending"
            + " heartbeats";

    private StaleTrials() {
    }

    /**
     * The rule every storage applies: a live owner (a process of this machine, or a database session holding
     * the lease) keeps its trial whatever its heartbeat's age; a dead owner of this machine loses it at once;
     * otherwise the heartbeat's age decides.
     *
     * @param owner        what this machine can tell of the lease owner ({@code UNKNOWN} when none was recorded)
     * @param leaseHeld    a database session holds the trial's lease (PostgreSQL advisory lock)
     * @param heartbeatOld the latest heartbeat is older than the grace period
     */
    static boolean isStale(TrialOwner.Liveness owner, boolean leaseHeld, boolean heartbeatOld) {
        if (owner == TrialOwner.Liveness.ALIVE || leaseHeld) {
            return false;
        }
        return owner == TrialOwner.Liveness.DEAD || heartbeatOld;
    }
}
