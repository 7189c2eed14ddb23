package org.lookaheadlab.tune.storage;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one trial's heartbeat: {@link Beat#beat()} every {@code interval} on a daemon thread of its own (maximum
 * priority, no lock shared with the worker), until closed; then {@link Beat#stop()} on the same thread, so
 * whatever the beat uses (a connection) belongs to that thread alone. A beat that throws is logged and the next
 * one is tried on time, so a database that is away for a while only delays the heartbeat.
 */
final class HeartbeatLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HeartbeatLoop.class.getName());

    private final Thread thread;
    private volatile boolean closed;

    /** What the loop runs. */
    interface Beat {
        /** Writes one heartbeat. */
        void beat();

        /** Releases what the beats used; called once, on the loop's thread, after the last beat. */
        void stop();
    }

    private HeartbeatLoop(String name, Beat beat, Duration interval) {
        long periodNanos = interval.toNanos();
        thread = new Thread(() -> {
            long next = System.nanoTime(); // the first beat at once: it also records the lease
            while (!closed) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                next = System.nanoTime() + periodNanos;
                try {
                    beat.beat();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, name + ": heartbeat failed (next try in " + interval
                            + "): " + e.getMessage());
                }
            }
            beat.stop();
        }, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    /** Starts beating: the first beat at once, then one every interval. */
    static HeartbeatLoop start(String name, Beat beat, Duration interval) {
        HeartbeatLoop loop = new HeartbeatLoop(name, beat, interval);
        loop.thread.start();
        return loop;
    }

    /**
     * Stops the loop. Waits up to a second for a beat in progress (and the stop) to end, never longer: a beat
     * stuck in a slow database call must not hold up the worker, which goes on to finish its trial.
     */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
