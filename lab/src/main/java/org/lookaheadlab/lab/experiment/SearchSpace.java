package org.lookaheadlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.train.OptimizerSpec;

/**
 * The hyperparameters a contender's study tunes, in a fixed order. Text form (the {@code --search} flag):
 * {@code lr=1e-5:1e-1:log,beta=0:1} — comma-separated {@code name=low:high}, with {@code :log} for a
 * log-uniform range.
 */
public record SearchSpace(List<SearchParam> params) {

    /** The search name that sets WeightTrajectoryLR's β rather than a base hyperparameter. */
    public static final String WEIGHT_TRAJECTORY_BETA = "beta";

    public SearchSpace {
        params = List.copyOf(params);
        Set<String> seen = new LinkedHashSet<>();
        for (SearchParam p : params) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("search space names '" + p.name() + "' twice");
            }
        }
    }

    public static SearchSpace of(SearchParam... params) {
        return new SearchSpace(List.of(params));
    }

    /**
     * Parses the flag form.
     *
     * @throws IllegalArgumentException naming the bad entry and the accepted form
     */
    public static SearchSpace parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("search space is empty, accepted form: lr=1e-5:1e-1:log[,beta=0:1]");
        }
        List<SearchParam> params = new ArrayList<>();
        for (String entry : text.split(",")) {
            params.add(parseEntry(entry.trim()));
        }
        return new SearchSpace(params);
    }

    private static SearchParam parseEntry(String entry) {
        String form = "accepted form: name=low:high or name=low:high:log";
        int eq = entry.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("search entry '" + entry + "' has no name=, " + form);
        }
        String name = entry.substring(0, eq).trim();
        String[] parts = entry.substring(eq + 1).split(":");
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].trim().equals("log"))) {
            throw new IllegalArgumentException("search entry '" + entry + "' is malformed, " + form);
        }
        try {
            double low = Double.parseDouble(parts[0].trim());
            double high = Double.parseDouble(parts[1].trim());
            return new SearchParam(name, low, high, parts.length == 3);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("search entry '" + entry + "' has a bound that is not a number, "
                    + form);
        }
    }

    /**
     * Applies tuned values to an optimizer: {@code beta} sets WeightTrajectoryLR's β; every other name sets
     * the base optimizer's hyperparameter of that name ({@code lr}, {@code momentum}, {@code beta1}, ...).
     */
    public static OptimizerSpec apply(OptimizerSpec spec, Map<String, Double> values) {
        OptimizerSpec out = spec;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            out = e.getKey().equals(WEIGHT_TRAJECTORY_BETA)
                    ? out.withWeightTrajectoryBeta(e.getValue())
                    : out.withHyper(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * Checks that every name is a hyperparameter of {@code spec} and that both corners of the space (every lower
     * bound, every upper bound) build, so that a space that cannot work is refused before the first trial
     * instead of failing every trial.
     *
     * @throws IllegalArgumentException naming the space and the builder's complaint
     */
    public void validateFor(OptimizerSpec spec) {
        Map<String, Double> lows = new java.util.LinkedHashMap<>();
        Map<String, Double> highs = new java.util.LinkedHashMap<>();
        params.forEach(p -> {
            lows.put(p.name(), p.low());
            highs.put(p.name(), p.high());
        });
        for (Map<String, Double> corner : List.of(lows, highs)) {
            try {
                apply(spec, corner).build(null, Integer.MAX_VALUE); // any run length: schedules need one
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("search space " + this + " does not fit " + spec.label() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    public List<String> names() {
        return params.stream().map(SearchParam::name).toList();
    }

    /** The form for readers, e.g. {@code lr ∈ [1e-5, 0.1] log, beta ∈ [0, 1]} ({@link SearchParam#readable}). */
    public String readable() {
        return params.stream().map(SearchParam::readable).collect(Collectors.joining(", "));
    }

    /** The flag form, parseable by {@link #parse(String)}. */
    @Override
    public String toString() {
        return params.stream().map(SearchParam::toString).collect(Collectors.joining(","));
    }
}
