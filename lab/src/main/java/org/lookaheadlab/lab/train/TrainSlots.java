package org.lookaheadlab.lab.train;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.lookaheadlab.lab.data.DataSplits;

/**
 * At most {@code slots} trainings at once, whatever the number of threads that ask: each {@link #train} waits for
 * a free slot (first come, first served), then trains with {@link FairTrainer} (or, for a batch of runs trained
 * as one computation, {@link BatchedTrainer}: one slot for the whole batch). Shared by the tuning threads and
 * the verdict-run threads of one {@code compare}, it keeps the engine to one run per core (each run single-
 * threaded, see {@link EngineThreads}).
 */
public final class TrainSlots {

    private final Semaphore free;
    private final int slots;
    private final FairTrainer trainer = new FairTrainer();
    private final BatchedTrainer batchedTrainer = new BatchedTrainer();

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
        acquire();
        try {
            return trainer.train(data, spec, listener);
        } finally {
            free.release();
        }
    }

    /** Trains {@code specs} as one batch once a slot is free ({@link BatchedTrainer#train(DataSplits, List)}). */
    public List<TrainResult> trainBatch(DataSplits data, List<TrainSpec> specs) {
        acquire();
        try {
            return batchedTrainer.train(data, specs);
        } finally {
            free.release();
        }
    }

    /**
     * Trains {@code specs} as one batch once a slot is free, run r reporting to {@code listeners.apply(r)}
     * ({@link BatchedTrainer#train(DataSplits, List, Function)}).
     */
    public List<TrainResult> trainBatch(DataSplits data, List<TrainSpec> specs,
            Function<Integer, TrainListener> listeners) {
        acquire();
        try {
            return batchedTrainer.train(data, specs, listeners);
        } finally {
            free.release();
        }
    }

    private void acquire() {
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a training slot", e);
        }
    }
}
