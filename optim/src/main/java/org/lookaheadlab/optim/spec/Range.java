package org.lookaheadlab.optim.spec;

/**
 * The accepted interval of a numeric hyperparameter, for help text and error listings, e.g. {@code [0, 1)}: the
 * builders do the validating (their messages name the field, the value and this same range), and
 * {@code RegistryTest} checks at both ends of every range that they agree. {@code note} states what the interval
 * cannot: a bound that depends on another value ({@code m ≤ k}); {@code special} is one value accepted outside
 * the interval ({@code clipGrad = −1}: no clipping).
 *
 * @param low the lower bound (may be −∞)
 * @param lowClosed whether {@code low} itself is accepted
 * @param high the upper bound (may be +∞)
 * @param highClosed whether {@code high} itself is accepted
 * @param special one more accepted value outside the interval, or null
 * @param note extra conditions or the meaning of {@code special} in words, or empty
 */
public record Range(double low, boolean lowClosed, double high, boolean highClosed, Double special, String note) {

    public Range {
        note = note == null ? "" : note;
    }

    /** An interval with a note and no special value. */
    public Range(double low, boolean lowClosed, double high, boolean highClosed, String note) {
        this(low, lowClosed, high, highClosed, null, note);
    }

    /** (0, ∞), finite. */
    public static Range positive() {
        return new Range(0, false, Double.POSITIVE_INFINITY, false, "");
    }

    /** [0, ∞), finite. */
    public static Range nonNegative() {
        return new Range(0, true, Double.POSITIVE_INFINITY, false, "");
    }

    /** [0, 1). */
    public static Range halfOpenUnit() {
        return new Range(0, true, 1, false, "");
    }

    /** [0, 1]. */
    public static Range closedUnit() {
        return new Range(0, true, 1, true, "");
    }

    /** (0, 1]. */
    public static Range openClosedUnit() {
        return new Range(0, false, 1, true, "");
    }

    /** (low, high). */
    public static Range open(double low, double high) {
        return new Range(low, false, high, false, "");
    }

    /** [min, ∞) (integers). */
    public static Range atLeast(long min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, false, "");
    }

    /** This range with a note of extra conditions. */
    public Range withNote(String extra) {
        return new Range(low, lowClosed, high, highClosed, special, extra);
    }

    /** This range, also accepting {@code value} (whose meaning {@code meaning} states). */
    public Range or(double value, String meaning) {
        return new Range(low, lowClosed, high, highClosed, value, meaning);
    }

    /** Whether {@code x} lies in the interval or is the special value (the note is not checked). */
    public boolean contains(double x) {
        if (special != null && x == special) {
            return true;
        }
        boolean aboveLow = lowClosed ? x >= low : x > low;
        boolean belowHigh = highClosed ? x <= high : x < high;
        return aboveLow && belowHigh;
    }

    /** {@code [0, 1)}, {@code (0, ∞)}, {@code (0, ∞] or -1 (no clipping)}, plus the note if any. */
    @Override
    public String toString() {
        String interval = (lowClosed ? "[" : "(") + bound(low) + ", " + bound(high) + (highClosed ? "]" : ")");
        if (special != null) {
            return interval + " or " + Numbers.shortest(special) + (note.isEmpty() ? "" : " (" + note + ")");
        }
        return interval + (note.isEmpty() ? "" : " " + note);
    }

    private static String bound(double b) {
        if (Double.isInfinite(b)) {
            return b > 0 ? "∞" : "−∞";
        }
        return Numbers.shortest(b);
    }
}
