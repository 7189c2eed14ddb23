package org.lookaheadlab.lab.train;

import java.util.concurrent.Semaphore;
import org.lookaheadlab.lab.data.DataSplits;

/**
 * At most {@code slots} trainings at once, whatever the number of threads that ask: each {@link #train} waits for
 * a free slot (first come, first served), then trains with {@link FairTrainer}. Shared by the tuning threads and
 * the verdict-run threads of one {@code compare}, it keeps the engine to one run per core (each run single-
 * threaded, see {@link EngineThreads}).
 */
public final class TrainSlots {

    private final Semaphore free;
    private final int slots;
    private final FairTrainer trainer = new FairTrainer();

    /** @param slots the most trainings at once, at least 1 */
    public TrainSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots is " + slots + ", accepted range: >= 1");
        }
        this.slots = slots;
        this.free = new Semaphore(slots, true);
    }

    /** The most trainings at once. */
    public int slots() {
        return slots;
    }

    /** Trains {@code spec} once a slot is free ({@link FairTrainer#train}). */
    public TrainResult train(DataSplits data, TrainSpec spec, TrainListener listener) {
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a training slot", e);
        }
        try {
            return trainer.train(data, spec, listener);
        } finally {
            free.release();
        }
    }
}
