package org.lookaheadlab.optim.batched;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.StateFormat;
import org.lookaheadlab.optim.state.StateStore;

/**
 * The batched form of one optimizer of a chain (a base optimizer or a wrapper) over R runs: every parameter it
 * is given has a leading run axis of size R, and run r follows the rule of the solo optimizer it was made from
 * ({@code BatchedOptimizers} makes it from R solo optimizers of one class). Each solo optimizer class states its
 * rule in its Javadoc and keeps its batched form beside it, as a nested class {@code Batched}.
 *
 * <p>Every operation of a rule is element-wise or a reduction over every axis but the run axis, so the runs never
 * mix: a NaN in one run's slice stays there. Per-run hyperparameters are columns of shape (R, 1, …, 1)
 * ({@link Runs#column}, constant ones cached in {@link #constants}).
 *
 * <p>The state is saved in {@link StateFormat} (kind: the rule's class name; per-run counters and scalars entry by
 * entry) and loaded lazily, as the solo optimizers do: a loaded entry becomes a parameter's state when that
 * parameter (by stable name) is first met.
 */
@SuppressWarnings("try") // NDScope is used for its close() only
public abstract class BatchedRule implements AutoCloseable {

    protected final int runs;
    /** Constant per-run columns. */
    protected final Constants constants = new Constants();
    private final Map<StateStore.Key, RunState> states = new LinkedHashMap<>();
    /** The live weight of every (parameter, device) this rule has updated, in first-seen order. */
    protected final Map<StateStore.Key, NDArray> live = new LinkedHashMap<>();
    /** Loaded entries (by stable name) not yet met, or null. */
    private StateStore loaded;

    protected BatchedRule(int runs) {
        this.runs = runs;
    }

    /** The number of runs. */
    public final int runs() {
        return runs;
    }

    /** One step of every run for one parameter (inside an {@code NDScope}); zeroes the weight's gradient. */
    public abstract void update(String parameterId, NDArray weight, NDArray grad);

    /** This rule's state of {@code (id, weight's device)}, created if new; remembers the live weight. */
    protected final RunState state(String parameterId, NDArray weight) {
        StateStore.Key key = new StateStore.Key(parameterId, weight.getDevice());
        RunState s = peek(parameterId, weight.getDevice());
        if (s == null) {
            s = new RunState(runs);
            states.put(key, s);
        }
        live.put(key, weight);
        return s;
    }

    /** This rule's state of a parameter copy (adopting a loaded entry if one matches), or null. */
    protected final RunState peek(String parameterId, Device device) {
        StateStore.Key key = new StateStore.Key(parameterId, device);
        RunState s = states.get(key);
        if (s == null && loaded != null) {
            ParamState saved = loaded.peek(parameterId, device);
            if (saved != null) {
                s = RunState.readFrom(saved, runs, kind());
                loaded.remove(parameterId, device);
                states.put(key, s);
            }
        }
        return s;
    }

    /** The kind written into a saved state and checked on load: the rule's class. */
    String kind() {
        return getClass().getName();
    }

    /** Writes this rule's state (and its inner rule's, for a wrapper) in {@link StateFormat}. */
    void save(OutputStream out, Function<String, String> stableName) {
        beforeSave();
        try (StateStore copy = new StateStore(); NDScope scope = new NDScope()) {
            states.forEach((key, s) -> s.writeTo(copy.get(key.id(), key.device())));
            StateFormat.write(out, kind(), copy, stableName, innerBlock(stableName));
        }
    }

    /** The inner rule's saved block, or null for a base rule. */
    byte[] innerBlock(Function<String, String> stableName) {
        return null;
    }

    /** Hook before a save (WeightTrajectoryLR records its group totals). */
    protected void beforeSave() {}

    /**
     * Reads a state written by {@link #save}, replacing this rule's (and its inner rule's); a stream that fails
     * anywhere leaves everything as it was.
     */
    void load(InputStream in, Function<String, String> stableName, NDManager manager) {
        StateStore staged = new StateStore();
        try {
            byte[] inner = StateFormat.read(in, kind(), staged, stableName, manager);
            loadInner(inner, stableName, manager);
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
        states.values().forEach(RunState::close);
        states.clear();
        if (loaded != null) {
            loaded.close();
        }
        loaded = staged;
        onStateLoaded();
    }

    /** Loads the inner rule from its block (a wrapper); a base rule expects none. */
    void loadInner(byte[] inner, Function<String, String> stableName, NDManager manager) {
        if (inner != null) {
            throw new IllegalArgumentException("corrupt optimizer state of a " + kind() + ": it has an inner block");
        }
    }

    /** Hook after a load (rules that cache derived data drop it). */
    protected void onStateLoaded() {}

    /** Adds this rule's state of a parameter copy (and its inner rules', for a wrapper) to {@code out}. */
    void collectStates(String parameterId, Device device, List<RunState> out) {
        RunState s = peek(parameterId, device);
        if (s != null) {
            out.add(s);
        }
    }

    /** Whether this rule keeps evaluation weights (slow weights, an average, schedule-free's x). */
    public boolean hasEvaluationWeights() {
        return false;
    }

    /**
     * The evaluation weights of every run for one live parameter copy, as a new array (a temporary of the current
     * scope), or null where they are the live weights. Only for a rule that {@link #hasEvaluationWeights}.
     */
    protected NDArray evaluation(StateStore.Key key, NDArray live) {
        return null;
    }

    /** The live weights this rule has seen. */
    final Map<StateStore.Key, NDArray> liveWeights() {
        return live;
    }

    /** The base optimizer at the end of the chain. */
    public abstract BatchedBase base();

    /** Whether, as configured, every run keeps a momentum-like buffer (Lookahead's {@code pullback} needs one). */
    public abstract boolean hasMomentumBuffers();

    /** The live momentum-like buffers (all runs) of a parameter copy, by name; empty if none yet. */
    public abstract Map<String, NDArray> momentumBuffers(String parameterId, Device device);

    /** Starts the state of the runs flagged in {@code reset} over, as the solo {@code resetState} does. */
    public abstract void resetRuns(String parameterId, Device device, boolean[] reset);

    /** Frees every state tensor (and the inner rule's). */
    @Override
    public void close() {
        states.values().forEach(RunState::close);
        states.clear();
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
        live.clear();
        constants.close();
    }
}
