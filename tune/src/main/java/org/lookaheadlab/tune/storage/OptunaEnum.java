package org.lookaheadlab.tune.storage;

import java.util.List;

/**
 * Optuna's enum columns ({@code sqlalchemy.Enum} of a Python enum: its member names; on PostgreSQL an enum type
 * named after the class, on SQLite a {@code VARCHAR} as wide as the longest name), and the float encoding of the
 * two value tables: a finite value is stored with type {@code FINITE}, ±∞ and NaN as NULL with their type.
 */
enum OptunaEnum {
    STUDY_DIRECTION("studydirection", 8, "NOT_SET", "MINIMIZE", "MAXIMIZE"),
    TRIAL_STATE("trialstate", 8, "RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"),
    TRIAL_VALUE_TYPE("trialvaluetype", 7, "FINITE", "INF_POS", "INF_NEG"),
    TRIAL_INTERMEDIATE_VALUE_TYPE("trialintermediatevaluetype", 7, "FINITE", "INF_POS", "INF_NEG", "NAN");

    final String sqlName;
    final int width;
    final List<String> labels;

    OptunaEnum(String sqlName, int width, String... labels) {
        this.sqlName = sqlName;
        this.width = width;
        this.labels = List.of(labels);
    }

    /** The type stored beside {@code v} (a trial value has no NaN type: callers store none). */
    static String typeOf(double v) {
        if (Double.isNaN(v)) {
            return "NAN";
        }
        return v == Double.POSITIVE_INFINITY ? "INF_POS" : v == Double.NEGATIVE_INFINITY ? "INF_NEG" : "FINITE";
    }

    /** The value column beside {@link #typeOf}: the number when finite, else NULL. */
    static Double storedValue(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The value a stored (value, type) pair means. */
    static double decode(Double stored, String type) {
        return switch (type) {
            case "INF_POS" -> Double.POSITIVE_INFINITY;
            case "INF_NEG" -> Double.NEGATIVE_INFINITY;
            case "NAN" -> Double.NaN;
            default -> stored == null ? Double.NaN : stored;
        };
    }
}
