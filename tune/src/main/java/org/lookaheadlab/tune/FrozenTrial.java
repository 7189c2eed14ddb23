package org.lookaheadlab.tune;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.lookaheadlab.tune.distributions.Distribution;

/**
 * An immutable snapshot of one trial as stored.
 *
 * @param trialId            storage-wide id
 * @param number             0-based, consecutive within the study
 * @param state              WAITING, RUNNING, COMPLETE, PRUNED or FAIL
 * @param value              objective value (COMPLETE; PRUNED when the last intermediate value is a number), else null;
 *                           null too for a trial of a study with several objectives (see {@code values})
 * @param internalParams     parameter name → internal representation (see {@link Distribution})
 * @param distributions      parameter name → distribution
 * @param intermediateValues step → reported value (NaN allowed)
 * @param userAttrs          user attributes (JSON-compatible values)
 * @param failReason         why a FAIL trial failed, else null
 * @param start              when the trial started
 * @param end                when it finished, null while RUNNING
 * @param systemAttrs        the tuner's own attributes (JSON-compatible values), e.g. {@link #FIXED_PARAMS} of an
 *                           enqueued trial and {@link #FAILED_TRIAL}/{@link #RETRY_COUNT} of a retried one
 * @param values             every objective's value, by objective (Optuna's {@code trial_values}): {@code [value]} for
 *                           a single-objective trial with a value, empty for one without
 */
public record FrozenTrial(long trialId, int number, TrialState state, Double value,
                          Map<String, Double> internalParams, Map<String, Distribution> distributions,
                          NavigableMap<Integer, Double> intermediateValues, Map<String, Object> userAttrs,
                          String failReason, Instant start, Instant end, Map<String, Object> systemAttrs,
                          List<Double> values) {

    /** System attribute: parameter name → external value that {@code suggest*} must return (enqueued trials). */
    public static final String FIXED_PARAMS = "fixed_params";
    /** System attribute of a retry: the number of the first trial of its chain that failed. */
    public static final String FAILED_TRIAL = "failed_trial";
    /** System attribute of a retry: 1 for the first retry of the original trial, 2 for the next, … */
    public static final String RETRY_COUNT = "retry_count";
    /** System attribute of a trial put back in the queue under its own number: how many times (1, 2, …). */
    public static final String RERUN_COUNT = "rerun_count";

    public FrozenTrial {
        values = List.copyOf(values);
        systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
        internalParams = Collections.unmodifiableMap(new LinkedHashMap<>(internalParams));
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        intermediateValues = Collections.unmodifiableNavigableMap(new TreeMap<>(intermediateValues));
        userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
    }

    /** A single-objective trial: {@code values} is {@code [value]}, or empty when the value is null. */
    public FrozenTrial(long trialId, int number, TrialState state, Double value, Map<String, Double> internalParams,
                       Map<String, Distribution> distributions, NavigableMap<Integer, Double> intermediateValues,
                       Map<String, Object> userAttrs, String failReason, Instant start, Instant end,
                       Map<String, Object> systemAttrs) {
        this(trialId, number, state, value, internalParams, distributions, intermediateValues, userAttrs, failReason,
                start, end, systemAttrs, value == null ? List.of() : List.of(value));
    }

    /** A single-objective trial without system attributes. */
    public FrozenTrial(long trialId, int number, TrialState state, Double value, Map<String, Double> internalParams,
                       Map<String, Distribution> distributions, NavigableMap<Integer, Double> intermediateValues,
                       Map<String, Object> userAttrs, String failReason, Instant start, Instant end) {
        this(trialId, number, state, value, internalParams, distributions, intermediateValues, userAttrs, failReason,
                start, end, Map.of());
    }

    /** The fixed parameters of an enqueued trial (name → external value); empty when none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> fixedParams() {
        Object fixed = systemAttrs.get(FIXED_PARAMS);
        return fixed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Parameter name → external value (Double, Long or String), in suggestion order. */
    public Map<String, Object> params() {
        Map<String, Object> out = new LinkedHashMap<>();
        internalParams.forEach((k, v) -> out.put(k, distributions.get(k).toExternal(v)));
        return out;
    }

    /** The last reported step, or -1 when none. */
    public int lastStep() {
        return intermediateValues.isEmpty() ? -1 : intermediateValues.lastKey();
    }
}
