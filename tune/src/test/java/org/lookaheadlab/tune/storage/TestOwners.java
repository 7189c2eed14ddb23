package org.lookaheadlab.tune.storage;

/** Trial owners for tests that play a worker on another machine. */
public final class TestOwners {

    /**
     * A process on another machine: nothing here can tell whether it lives, so only the heartbeat's age (and, on
     * PostgreSQL, a session holding the lease) decides — the stand-in for a worker that dies without a trace.
     */
    public static final TrialOwner ELSEWHERE = new TrialOwner("another-machine/boot/pid:[0]", 1, 1);

    private TestOwners() {
    }
}
