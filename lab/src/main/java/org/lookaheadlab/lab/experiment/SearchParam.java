package org.lookaheadlab.lab.experiment;

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

    /** The flag form {@code name=low:high[:log]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s=%s:%s%s", name, low, high, log ? ":log" : "");
    }
}
