package org.lookaheadlab.optim.state;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Arrays an optimizer computes from its state on demand, one per (parameter, device), such as the evaluation weights
 * it hands out for reading (an average written out, schedule-free's x): recomputed when the parameter's step count
 * has changed since, owned here, never saved (they are no state).
 */
public final class DerivedArrays implements AutoCloseable {

    private static final class Entry {
        final NDArray array;
        long version = Long.MIN_VALUE;

        Entry(NDArray array) {
            this.array = array;
        }
    }

    private final Map<StateStore.Key, Entry> entries = new HashMap<>();

    /**
     * The array of {@code key}, of the shape and dtype of {@code like}, written by {@code write} (in place) unless it
     * was last written at the same {@code version}.
     */
    public NDArray get(StateStore.Key key, long version, NDArray like, Consumer<NDArray> write) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry(Tensors.keepCopy(like)));
        if (e.version != version) {
            write.accept(e.array);
            e.version = version;
        }
        return e.array;
    }

    /** Frees every array (the state they came from was replaced). */
    public void clear() {
        entries.values().forEach(e -> e.array.close());
        entries.clear();
    }

    @Override
    public void close() {
        clear();
    }
}
