package org.lookaheadlab.lab.data;

import java.util.Objects;

/**
 * The data a command trains on, as one value: a {@code --data} source ({@link DataSources}) and an optional
 * {@code --val-split} fraction of the training rows held out for validation ({@link ValidationSplit}). What is
 * loaded ({@link #load()}) and what names it ({@link #label()}, part of a comparison's study identity) come from
 * the same two fields, so they cannot disagree.
 *
 * @param source the {@code --data} argument, e.g. {@code mnist1d:num-samples=1000} or {@code csv:data.csv}
 * @param valSplit the held-out fraction in (0, 1), or {@code null} for none (the test split validates)
 */
public record DataSpec(String source, Double valSplit) {

    public DataSpec {
        Objects.requireNonNull(source, "source");
    }

    /** The splits of {@link #source()}, with the validation split held out when {@link #valSplit()} is set. */
    public DataSplits load() {
        DataSplits splits = DataSources.load(source);
        return valSplit == null ? splits : ValidationSplit.holdOut(splits, valSplit);
    }

    /**
     * The source, followed by {@code |val-split=F} when a fraction is held out: the held-out fraction changes
     * what the objective measures, so it belongs to the data's name (and to every study name built from it).
     */
    public String label() {
        return valSplit == null ? source : source + "|val-split=" + valSplit;
    }
}
