package org.lookaheadlab.optim.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import org.lookaheadlab.optim.state.Check;

/**
 * The hyperparameters of one optimizer, wrapper or schedule, checked against its registry record: every
 * declared parameter has a value (given or default) in canonical type ({@link Param}), in the record's order. This
 * is what a registry factory reads to configure a builder: the {@code if…} methods pass on only the values that
 * were given (differ from the default), so that what is not given keeps the builder's own default — and
 * {@code RegistryTest} checks that the registry's defaults are exactly those.
 */
public final class Values {

    private final String owner;
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final Map<String, Object> all = new LinkedHashMap<>();
    private final Map<String, Object> given = new LinkedHashMap<>();

    private Values(String owner, List<Param> declared, Map<String, ?> raw, String extraKey) {
        this.owner = owner;
        declared.forEach(p -> params.put(p.name(), p));
        Map<String, ?> in = raw == null ? Map.of() : raw;
        for (String key : in.keySet()) {
            if (!params.containsKey(key)) {
                throw new IllegalArgumentException("unknown hyperparameter '" + key + "' of " + owner + "; accepted: "
                        + String.join(", ", params.keySet()) + (extraKey == null ? "" : ", " + extraKey));
            }
        }
        for (Param p : declared) {
            Object v = in.get(p.name());
            if (v == null) {
                if (p.required()) {
                    throw new IllegalArgumentException(owner + " needs " + p.name() + " (" + p.accepted() + ")");
                }
                all.put(p.name(), p.defaultValue());
            } else {
                Object value = p.normalize(v, owner);
                all.put(p.name(), value);
                if (!value.equals(p.defaultValue())) {
                    given.put(p.name(), value);
                }
            }
        }
    }

    /**
     * Checks {@code raw} against {@code declared}: unknown keys and values of the wrong type fail with one line
     * naming the accepted keys or values; missing keys take their defaults.
     *
     * @param owner the canonical name, for messages
     * @param extraKey one more key the caller accepts itself (e.g. {@code schedule}), listed in the message; or null
     */
    static Values of(String owner, List<Param> declared, Map<String, ?> raw, String extraKey) {
        return new Values(owner, declared, raw, extraKey);
    }

    /**
     * Checks {@code raw} against {@code record}'s hyperparameters (unknown keys and values of the wrong type fail
     * with one line naming what is accepted; missing keys take their defaults).
     */
    public static Values of(RegistryRecord record, Map<String, ?> raw) {
        return new Values(record.name(), record.params(), raw, null);
    }

    /** Every value (given or default), in the record's order. */
    public Map<String, Object> all() {
        return Collections.unmodifiableMap(all);
    }

    /** The values that differ from their defaults, in the record's order. */
    public Map<String, Object> nonDefault() {
        return Collections.unmodifiableMap(given);
    }

    /** Passes the REAL value {@code name} to {@code setter} if it was given (differs from the default). */
    public void ifReal(String name, DoubleConsumer setter) {
        if (given.containsKey(name)) {
            setter.accept(real(name));
        }
    }

    /** Passes the INTEGER value {@code name} ({@link #int32}) to {@code setter} if it was given. */
    public void ifInt32(String name, IntConsumer setter) {
        if (given.containsKey(name)) {
            setter.accept(int32(name));
        }
    }

    /** Passes the BOOLEAN value {@code name} to {@code setter} if it was given. */
    public void ifBool(String name, Consumer<Boolean> setter) {
        if (given.containsKey(name)) {
            setter.accept(bool(name));
        }
    }

    /** Passes the CHOICE value {@code name} to {@code setter} if it was given. */
    public void ifChoice(String name, Consumer<String> setter) {
        if (given.containsKey(name)) {
            setter.accept(choice(name));
        }
    }

    /** A REAL value. */
    public double real(String name) {
        return (Double) get(name);
    }

    /** An INTEGER value. */
    public long integer(String name) {
        return (Long) get(name);
    }

    /** An INTEGER value that a builder takes as an int; beyond the int range it is out of range. */
    public int int32(String name) {
        long v = integer(name);
        Check.that(v == (int) v, name, v, params.get(name).range() + " (a 32-bit integer)");
        return (int) v;
    }

    /** A BOOLEAN value. */
    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    /** A CHOICE value (lower case). */
    public String choice(String name) {
        return (String) get(name);
    }

    private Object get(String name) {
        if (!all.containsKey(name)) {
            throw new IllegalStateException(owner + " declares no hyperparameter '" + name + "'");
        }
        return all.get(name);
    }

    @Override
    public String toString() {
        return owner + all;
    }
}
