package org.lookaheadlab.lab.experiment;

import java.util.Map;

/**
 * One tuning trial as the report sees it.
 *
 * @param number trial number within its study (0-based)
 * @param state COMPLETE, PRUNED, FAIL or RUNNING
 * @param value objective value, null unless COMPLETE (or the last reported value of a PRUNED trial)
 * @param params sampled hyperparameters
 * @param message failure reason, or null
 */
public record TrialRecord(int number, String state, Double value, Map<String, Double> params, String message) {

    public TrialRecord {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public boolean complete() {
        return "COMPLETE".equals(state) && value != null && Double.isFinite(value);
    }
}
