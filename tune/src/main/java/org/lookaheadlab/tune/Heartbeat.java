package org.lookaheadlab.tune;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.lookaheadlab.tune.storage.Storage;

/** Writes a running trial's heartbeat every interval, on a shared daemon thread, until closed. */
final class Heartbeat implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private final ScheduledFuture<?> task;

    private Heartbeat(ScheduledFuture<?> task) {
        this.task = task;
    }

    /** Schedules heartbeats every interval; the first one was written when the trial was created. */
    static Heartbeat start(Storage storage, long trialId, Duration interval) {
        long ms = interval.toMillis();
        return new Heartbeat(TIMER.scheduleAtFixedRate(() -> {
            try {
                storage.recordHeartbeat(trialId);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "heartbeat of trial_id=" + trialId + " failed: " + e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        task.cancel(false);
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tune-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
