package org.lookaheadlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * The hyperparameters a contender's study tunes, in a fixed order. Text form (the {@code --search} flag):
 * {@code lr=1e-5:1e-1:log,beta=0:1} — comma-separated {@code name=low:high}, with {@code :log} for a
 * log-uniform range.
 */
public record SearchSpace(List<SearchParam> params) {

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
     * Applies tuned values to an optimizer: each name sets the hyperparameter of that name on the outermost
     * optimizer of the chain that has it ({@link OptimizerSpec#with}): {@code lr}, {@code momentum} and
     * {@code beta1} reach the base optimizer, {@code beta} a WeightTrajectoryLR, {@code alpha} a Lookahead.
     *
     * @throws IllegalArgumentException a name the chain does not have (listing those it has), or a value out of
     *     range
     */
    public static OptimizerSpec apply(OptimizerSpec spec, Map<String, Double> values) {
        OptimizerSpec out = spec;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            out = out.with(e.getKey(), e.getValue());
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
                // any model and run length: WeightTrajectoryLR's layers and a schedule's horizon need one
                apply(spec, corner).build(BuildContext.of(id -> null, Integer.MAX_VALUE));
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
