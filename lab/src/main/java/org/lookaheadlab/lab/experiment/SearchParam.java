package org.lookaheadlab.lab.experiment;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One tuned hyperparameter: a float range {@code [low, high]}, sampled uniformly or log-uniformly.
 *
 * @param name hyperparameter key as the optimizer spec knows it (e.g. {@code lr}, {@code beta})
 * @param low smallest value
 * @param high largest value
 * @param log sample in the log domain (requires {@code low > 0})
 */
public record SearchParam(String name, double low, double high, boolean log) {

    public SearchParam {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "search parameter name is '" + name + "', accepted: a letter then letters, digits, _ . -");
        }
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("search parameter " + name + " has range [" + low + ", " + high
                    + "], accepted: finite low <= high");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("search parameter " + name + " is log-scaled with low = " + low
                    + ", accepted range for low: > 0");
        }
    }

    /** The form for readers: {@code lr ∈ [1e-5, 0.1] log} ({@link #shortNumber} bounds). */
    public String readable() {
        return name + " ∈ [" + shortNumber(low) + ", " + shortNumber(high) + "]" + (log ? " log" : "");
    }

    /**
     * The shortest exact spelling of {@code v}: plain for magnitudes in [1e-3, 1e5) ({@code 0.1}, {@code 1},
     * {@code 250}), else {@code 1e-5}, {@code 2.5e-4}, {@code 1e6}.
     */
    public static String shortNumber(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-3 && a < 1e5)) {
            return a == 0 ? "0" : d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + exponent;
    }

    /** The flag form {@code name=low:high[:log]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s=%s:%s%s", name, low, high, log ? ":log" : "");
    }
}
