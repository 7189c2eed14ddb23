package org.lookaheadlab.optim.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One hyperparameter of a registry record: its name (the key in the spec text and in maps, and the name of the
 * getter that reads it back from a built optimizer), type, default, accepted range or words, and a description.
 *
 * <p>Values are held in one canonical Java type per {@link Type}, so that equal settings compare equal: REAL as
 * {@link Double} (−0.0 becomes 0.0), INTEGER as {@link Long}, BOOLEAN as {@link Boolean}, CHOICE as the lower-case
 * {@link String} of one of {@link #choices}. {@link #normalize} converts whatever a caller passes (any
 * {@link Number}, numeric text, {@code "true"}, an enum constant) to that type, or fails with one line.
 *
 * @param name the key, e.g. {@code beta1}
 * @param type the value type
 * @param defaultValue the default in canonical type, or null for a required value
 * @param range the accepted interval of a number (help text; the builders validate), or null
 * @param choices the accepted words of a CHOICE, in display order (empty otherwise)
 * @param description one line for help text
 */
public record Param(String name, Type type, Object defaultValue, Range range, List<String> choices,
        String description) {

    /** Value types. */
    public enum Type {
        /** A double. */
        REAL,
        /** A whole number (long). */
        INTEGER,
        /** true or false. */
        BOOLEAN,
        /** One of a few words. */
        CHOICE
    }

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices == null ? List.of() : choices);
        description = description == null ? "" : description;
        if (defaultValue != null) {
            defaultValue = new Param(name, type, null, range, choices, description).normalize(defaultValue, "the registry");
        }
    }

    /** A real hyperparameter. */
    public static Param real(String name, double defaultValue, Range range, String description) {
        return new Param(name, Type.REAL, defaultValue, range, List.of(), description);
    }

    /** An integer hyperparameter; {@code defaultValue} null makes it required. */
    public static Param integer(String name, Long defaultValue, Range range, String description) {
        return new Param(name, Type.INTEGER, defaultValue, range, List.of(), description);
    }

    /** A boolean hyperparameter. */
    public static Param bool(String name, boolean defaultValue, String description) {
        return new Param(name, Type.BOOLEAN, defaultValue, null, List.of(), description);
    }

    /** A choice among the constants of {@code defaultValue}'s enum, written in lower case. */
    public static <E extends Enum<E>> Param choice(String name, E defaultValue, String description) {
        List<String> words = Arrays.stream(defaultValue.getDeclaringClass().getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        return new Param(name, Type.CHOICE, defaultValue, null, words, description);
    }

    /** A choice among {@code words}. */
    public static Param choice(String name, String defaultValue, List<String> words, String description) {
        return new Param(name, Type.CHOICE, defaultValue, null, words, description);
    }

    /** Whether the value must be given (no default). */
    public boolean required() {
        return defaultValue == null;
    }

    /**
     * {@code raw} in this parameter's canonical type.
     *
     * @param owner the optimizer or schedule, for the message
     * @throws IllegalArgumentException one line naming the key, the value and what is accepted
     */
    public Object normalize(Object raw, String owner) {
        if (raw == null) {
            throw new IllegalArgumentException(name + " of " + owner + " is null; accepted: " + accepted());
        }
        switch (type) {
            case REAL: {
                Double d = raw instanceof Number n ? Double.valueOf(n.doubleValue())
                        : raw instanceof String s ? Numbers.parse(s) : null;
                if (d == null) {
                    throw notA("a number", raw, owner);
                }
                return Numbers.canonical(d);
            }
            case INTEGER:
                return integer(raw, owner);
            case BOOLEAN: {
                if (raw instanceof Boolean b) {
                    return b;
                }
                String t = raw.toString().trim();
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(t);
                }
                throw notA("a boolean", raw, owner);
            }
            default: {
                String word = (raw instanceof Enum<?> e ? e.name() : raw.toString()).trim().toLowerCase(Locale.ROOT);
                if (!choices.contains(word)) {
                    throw new IllegalArgumentException(name + " = '" + raw + "' of " + owner
                            + " is not accepted; accepted: " + String.join(", ", choices));
                }
                return word;
            }
        }
    }

    private Long integer(Object raw, String owner) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        Double d = raw instanceof Number n ? Double.valueOf(n.doubleValue())
                : raw instanceof String s ? integerText(s) : null;
        if (d == null || d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
            throw notA("an integer", raw, owner);
        }
        return d.longValue();
    }

    private static Double integerText(String s) {
        try {
            return (double) Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return Numbers.parse(s);
        }
    }

    private IllegalArgumentException notA(String what, Object raw, String owner) {
        return new IllegalArgumentException(name + " = '" + raw + "' of " + owner + " is not " + what);
    }

    /** The canonical text of a canonical value: shortest round-trip numbers, lower-case words. */
    public String text(Object value) {
        return value instanceof Double d ? Numbers.shortest(d) : String.valueOf(value);
    }

    /** What is accepted, in words: {@code a number in [0, 1)}, {@code none, reset, pullback}, ... */
    public String accepted() {
        return switch (type) {
            case REAL -> "a number" + (range == null ? "" : " in " + range);
            case INTEGER -> "an integer" + (range == null ? "" : " in " + range);
            case BOOLEAN -> "true, false";
            case CHOICE -> String.join(", ", choices);
        };
    }

    /** One help line: {@code k: an integer in [1, ∞), default 5 — sync period}. */
    public String help() {
        return name + ": " + accepted() + (required() ? ", required" : ", default " + text(defaultValue))
                + (description.isEmpty() ? "" : " — " + description);
    }
}
