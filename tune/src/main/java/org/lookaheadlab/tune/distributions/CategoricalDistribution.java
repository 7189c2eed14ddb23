package org.lookaheadlab.tune.distributions;

import java.util.List;

/** A choice among strings; the internal value is the index of the choice. */
public record CategoricalDistribution(List<String> choices) implements Distribution {

    public CategoricalDistribution {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("The `choices` must contain one or more elements.");
        }
        choices = List.copyOf(choices);
    }

    @Override
    public boolean single() {
        return choices.size() == 1;
    }

    @Override
    public boolean contains(double v) {
        return v >= 0 && v < choices.size() && v == Math.rint(v);
    }

    @Override
    public double toInternal(Object external) {
        int i = choices.indexOf(String.valueOf(external));
        if (i < 0) {
            throw new IllegalArgumentException("'" + external + "' not in " + choices + ".");
        }
        return i;
    }

    @Override
    public Object toExternal(double internal) {
        return choices.get((int) internal);
    }

    @Override
    public double singleValue() {
        return 0.0;
    }
}
