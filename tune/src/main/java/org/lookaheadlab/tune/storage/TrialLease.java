package org.lookaheadlab.tune.storage;

/**
 * A worker's claim on one RUNNING trial, from {@link Storage#leaseTrial}: while it is open the trial's heartbeat
 * is written from a thread (and, for database storages, a connection) of its own, so the worker's own work — a
 * long training step, a garbage collection, a slow or locked database call — never delays it, and the storage
 * can tell that the trial's owner is alive. Closing it stops the heartbeat; the trial itself is finished
 * separately. Idempotent.
 */
public interface TrialLease extends AutoCloseable {

    @Override
    void close();
}
