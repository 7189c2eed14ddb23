package org.lookaheadlab.optim;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * Hyperparameters given by name ({@link Optimizers#create}): numbers as any {@link Number} or numeric String,
 * booleans as Boolean or "true"/"false", objects (a learning-rate tracker) as themselves. Unknown keys are
 * rejected, naming the accepted ones.
 */
final class Hyper {

    private final String owner;
    private final Map<String, ?> values;

    Hyper(String owner, Map<String, ?> values, Set<String> accepted) {
        this.owner = owner;
        this.values = values == null ? Map.of() : values;
        for (String key : this.values.keySet()) {
            if (!accepted.contains(key)) {
                throw new IllegalArgumentException("unknown hyperparameter '" + key + "' for " + owner
                        + "; accepted: " + new TreeSet<>(accepted));
            }
        }
    }

    /**
     * Passes the value of {@code key} to {@code setter} if it is an instance of {@code type}.
     *
     * @return true if it was (the caller then skips its other readings of the key)
     */
    <T> boolean instance(String key, Class<T> type, Consumer<T> setter) {
        Object v = values.get(key);
        if (type.isInstance(v)) {
            setter.accept(type.cast(v));
            return true;
        }
        return false;
    }

    void number(String key, DoubleConsumer setter) {
        Object v = values.get(key);
        if (v == null) {
            return;
        }
        double d;
        if (v instanceof Number) {
            d = ((Number) v).doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " = '" + v + "' of " + owner + " is not a number", e);
            }
        }
        setter.accept(d);
    }

    void integer(String key, IntConsumer setter) {
        number(key, d -> {
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(key + " = " + values.get(key) + " of " + owner
                        + " is not an integer");
            }
            setter.accept((int) d);
        });
    }

    void bool(String key, Consumer<Boolean> setter) {
        Object v = values.get(key);
        if (v == null) {
            return;
        }
        if (v instanceof Boolean) {
            setter.accept((Boolean) v);
            return;
        }
        String text = v.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " = '" + v + "' of " + owner + " is not a boolean;"
                    + " accepted: true, false");
        }
        setter.accept(Boolean.parseBoolean(text));
    }

    void text(String key, Consumer<String> setter) {
        Object v = values.get(key);
        if (v != null) {
            setter.accept(v.toString());
        }
    }
}
