package org.lookaheadlab.optim.wrap;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.lookaheadlab.optim.InnerStateAccess;
import org.lookaheadlab.optim.StatefulOptimizer;
import org.lookaheadlab.optim.WrappingOptimizer;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.StateFormat;
import org.lookaheadlab.optim.state.StateStore;

/**
 * What every wrapper shares: the inner optimizer (any DJL {@link Optimizer}), this wrapper's own per-parameter
 * state, the live weight tensors it has seen (for swaps and group norms), nested state saving, and delegation of
 * {@link InnerStateAccess} to the inner optimizer. Gradient rescaling, clipping, weight decay and zeroing are the
 * inner optimizer's job; set them there (a wrapper rejects DJL's rescaleGrad, clipGrad and weightDecays).
 */
public abstract class AbstractWrapper extends Optimizer
        implements WrappingOptimizer, StatefulOptimizer, InnerStateAccess, AutoCloseable {

    protected final Optimizer inner;
    protected final StateStore store = new StateStore();
    /** The live weight tensor of every (parameter, device) this wrapper has updated. */
    protected final Map<StateStore.Key, NDArray> weights = new LinkedHashMap<>();
    /** The slot of every (parameter, device) seen since the last state load. */
    private final Map<StateStore.Key, Slot> slotsByKey = new HashMap<>();
    /** The last slot used for each parameter id: a step of a single-device model does one lookup by id. */
    private final Map<String, Slot> lastSlotById = new HashMap<>();

    protected AbstractWrapper(WrapperBuilder<?> builder) {
        super(builder);
        Check.that(builder.inner != null, "inner", null, "an Optimizer");
        Check.that(rescaleGrad == 1f, "rescaleGrad", rescaleGrad, "1 on a wrapper (set it on the inner optimizer)");
        Check.that(clipGrad == -1f, "clipGrad", clipGrad, "unset on a wrapper (set it on the inner optimizer)");
        Check.that(getWeightDecay() == 0f, "weightDecays (DJL)", getWeightDecay(),
                "0 on a wrapper (set weight decay on the inner optimizer)");
        this.inner = builder.inner;
    }

    @Override
    public Optimizer inner() {
        return inner;
    }

    /**
     * What one step of a wrapper needs about one (parameter, device), found with a single lookup by parameter id
     * on a single-device model: its key and its {@link ParamState} in {@link #store}. Valid until the next state
     * load (which replaces the store's states and drops every slot).
     */
    protected static class Slot {
        final StateStore.Key key;
        final ParamState state;
        NDArray weight;

        Slot(StateStore.Key key, ParamState state) {
            this.key = key;
            this.state = state;
        }
    }

    /** Creates the slot of a new (parameter, device); wrappers that cache more per parameter return a subclass. */
    Slot newSlot(StateStore.Key key, ParamState state) {
        return new Slot(key, state);
    }

    /**
     * The slot of {@code (id, weight's device)}, created (with its state, see {@link StateStore#get}) if new;
     * remembers {@code weight} as the live weight of that parameter copy.
     */
    protected Slot slot(String parameterId, NDArray weight) {
        Device device = weight.getDevice();
        Slot slot = lastSlotById.get(parameterId);
        if (slot == null || !slot.key.device().equals(device)) {
            StateStore.Key key = new StateStore.Key(parameterId, device);
            slot = slotsByKey.get(key);
            if (slot == null) {
                slot = newSlot(key, store.get(parameterId, device));
                slotsByKey.put(key, slot);
            }
            lastSlotById.put(parameterId, slot);
        }
        if (slot.weight != weight) {
            slot.weight = weight;
            weights.put(slot.key, weight);
        }
        return slot;
    }

    /** Forgets every slot (the store's states are about to be, or have been, replaced). */
    private void dropSlots() {
        slotsByKey.clear();
        lastSlotById.clear();
    }

    /** The inner optimizer as {@link InnerStateAccess}, or a clear error if it is foreign. */
    protected InnerStateAccess innerAccess(String purpose) {
        if (inner instanceof InnerStateAccess && ((InnerStateAccess) inner).supportsInnerState()) {
            return (InnerStateAccess) inner;
        }
        throw new IllegalStateException(purpose + " needs an inner optimizer of ours (InnerStateAccess); "
                + inner.getClass().getName() + " does not expose its state");
    }

    @Override
    public boolean supportsInnerState() {
        return inner instanceof InnerStateAccess && ((InnerStateAccess) inner).supportsInnerState();
    }

    @Override
    public boolean hasMomentumBuffers() {
        return supportsInnerState() && ((InnerStateAccess) inner).hasMomentumBuffers();
    }

    @Override
    public void resetState(String parameterId, Device device) {
        innerAccess("resetState").resetState(parameterId, device);
    }

    @Override
    public Map<String, NDArray> momentumBuffers(String parameterId, Device device) {
        return innerAccess("momentumBuffers").momentumBuffers(parameterId, device);
    }

    private StatefulOptimizer statefulInner() {
        if (inner instanceof StatefulOptimizer) {
            return (StatefulOptimizer) inner;
        }
        throw new IllegalStateException("cannot save/load the state of " + getClass().getSimpleName()
                + ": its inner optimizer " + inner.getClass().getName() + " is not a StatefulOptimizer");
    }

    @Override
    public void saveState(OutputStream out, Function<String, String> stableName) {
        StatefulOptimizer innerState = statefulInner();
        byte[] innerBlock = StateFormat.toBytes(o -> innerState.saveState(o, stableName));
        StateFormat.write(out, getClass().getSimpleName(), store, stableName, innerBlock);
    }

    /**
     * Reads this wrapper's block into a staging store, loads the inner optimizer from the inner block, and only
     * then replaces this wrapper's state: a stream that fails anywhere (this block or the inner one, e.g. saved
     * over another inner optimizer) leaves the wrapper and its inner optimizer as they were.
     */
    @Override
    public void loadState(InputStream in, Function<String, String> stableName, NDManager manager) {
        StatefulOptimizer innerState = statefulInner();
        StateStore staged = new StateStore();
        try {
            byte[] innerBlock = StateFormat.read(in, getClass().getSimpleName(), staged, stableName, manager);
            if (innerBlock == null) {
                throw new IllegalArgumentException("corrupt optimizer state of a " + getClass().getSimpleName()
                        + ": it has no inner block");
            }
            innerState.loadState(StateFormat.fromBytes(innerBlock), stableName, manager);
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
        dropSlots();
        store.replaceWith(staged);
        onStateLoaded();
    }

    /** Hook for wrappers that cache derived data. */
    protected void onStateLoaded() {}

    /** Frees this wrapper's state and closes the inner optimizer if it is closeable. */
    @Override
    public void close() {
        dropSlots();
        store.close();
        weights.clear();
        if (inner instanceof AutoCloseable) {
            try {
                ((AutoCloseable) inner).close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the inner optimizer", e);
            }
        }
    }
}
