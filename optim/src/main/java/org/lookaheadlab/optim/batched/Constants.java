package org.lookaheadlab.optim.batched;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;
import org.lookaheadlab.optim.state.Tensors;

/**
 * Per-run columns ({@link Runs#column}) of values that never change (a run's β1, its weight decay), kept once per
 * (values array, number of axes, dtype, device) instead of being created at every step. The values array is the
 * key by identity: hand the same array each time and never modify it.
 */
public final class Constants implements AutoCloseable {

    private record Key(Object values, int axes, DataType dtype, Device device) {}

    private final Map<Key, NDArray> cache = new HashMap<>();

    /** The column of {@code values} for {@code like} (owned here: do not close it). */
    public NDArray of(double[] values, NDArray like) {
        Key key = new Key(values, like.getShape().dimension(), like.getDataType(), like.getDevice());
        NDArray c = cache.get(key);
        if (c == null) {
            c = Tensors.keep(Runs.column(values, like));
            cache.put(key, c);
        }
        return c;
    }

    /** The boolean column of {@code mask} for {@code like} (owned here: do not close it). */
    public NDArray mask(boolean[] mask, NDArray like) {
        Key key = new Key(mask, like.getShape().dimension(), DataType.BOOLEAN, like.getDevice());
        NDArray c = cache.get(key);
        if (c == null) {
            c = Tensors.keep(Runs.mask(mask, like));
            cache.put(key, c);
        }
        return c;
    }

    @Override
    public void close() {
        cache.values().forEach(NDArray::close);
        cache.clear();
    }
}
