package org.lookaheadlab.tune.storage;

/** Shared wording for trials failed by the heartbeat sweep. */
public final class StaleTrials {

    /** The fail reason stored on a trial whose heartbeat went stale. */
    public static final String REASON = "heartbeat stale: the worker running this trial stopped sending heartbeats";

    private StaleTrials() {
    }
}
