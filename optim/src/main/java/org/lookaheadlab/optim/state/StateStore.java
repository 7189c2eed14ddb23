package org.lookaheadlab.optim.state;

import ai.djl.Device;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Per-(parameter id, device) {@link ParamState}s of one optimizer, plus the entries loaded from a saved state
 * that are still waiting for their parameter: a loaded entry is keyed by stable name and adopted the first time
 * the optimizer asks for a parameter id whose stable name matches.
 */
public final class StateStore implements AutoCloseable {

    /** Key of one parameter copy: id and device. */
    public record Key(String id, Device device) {}

    /** Key of a loaded, not yet adopted entry: stable name and device. */
    record NameKey(String name, Device device) {}

    private final Map<Key, ParamState> states = new LinkedHashMap<>();
    private final Map<NameKey, ParamState> pending = new LinkedHashMap<>();
    private Function<String, String> nameOfId = id -> null;

    /** The state of {@code (id, device)}, created empty (or adopted from a loaded entry) if absent. */
    public ParamState get(String id, Device device) {
        ParamState s = peek(id, device);
        if (s == null) {
            s = new ParamState();
            states.put(new Key(id, device), s);
        }
        return s;
    }

    /** The state of {@code (id, device)} (adopting a loaded entry if one matches), or null. */
    public ParamState peek(String id, Device device) {
        Key key = new Key(id, device);
        ParamState s = states.get(key);
        if (s == null && !pending.isEmpty()) {
            String name = nameOfId.apply(id);
            if (name != null) {
                s = pending.remove(new NameKey(name, device));
                if (s != null) {
                    states.put(key, s);
                }
            }
        }
        return s;
    }

    /** Forgets (and closes) the state of {@code (id, device)}. */
    public void remove(String id, Device device) {
        ParamState s = states.remove(new Key(id, device));
        if (s != null) {
            s.close();
        }
    }

    /** Read-only view of the adopted states, in first-seen order. */
    public Map<Key, ParamState> states() {
        return Collections.unmodifiableMap(states);
    }

    /** Read-only view of loaded entries not yet adopted. */
    Map<NameKey, ParamState> pending() {
        return Collections.unmodifiableMap(pending);
    }

    /**
     * Replaces everything by loaded entries (keyed by stable name) that will be adopted through
     * {@code nameOfId}. Closes the current state.
     */
    void replaceWithLoaded(Map<NameKey, ParamState> loaded, Function<String, String> nameOfId) {
        close();
        this.nameOfId = Objects.requireNonNull(nameOfId, "stableName");
        pending.putAll(loaded);
    }

    /**
     * Replaces everything by the content of {@code staged} (a store a state was just read into), which is left
     * empty. Closes the current state. Lets a wrapper read its own block, load its inner optimizer, and only then
     * commit, so that a failed load changes nothing.
     */
    public void replaceWith(StateStore staged) {
        if (staged == this) {
            return;
        }
        close();
        states.putAll(staged.states);
        pending.putAll(staged.pending);
        nameOfId = staged.nameOfId;
        staged.states.clear();
        staged.pending.clear();
    }

    /** Closes and forgets every state, loaded or adopted. */
    @Override
    public void close() {
        states.values().forEach(ParamState::close);
        states.clear();
        pending.values().forEach(ParamState::close);
        pending.clear();
    }
}
