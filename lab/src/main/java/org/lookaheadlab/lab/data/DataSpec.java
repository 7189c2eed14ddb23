package org.lookaheadlab.lab.data;

import java.util.Objects;

/**
 * The data a command trains on, as one value: a {@code --data} source ({@link DataSources}), an optional
 * {@code --val-split} fraction of the training rows held out for validation ({@link ValidationSplit}) and, for a
 * file source, an optional {@code --num-classes}. What is loaded ({@link #load()}) and what names it
 * ({@link #label()}, part of a comparison's study identity) come from the same fields, so they cannot disagree.
 *
 * @param source the {@code --data} argument, e.g. {@code mnist1d:num-samples=1000} or {@code csv:data.csv}
 * @param valSplit the held-out fraction in (0, 1), or {@code null} for none (the test split validates)
 * @param numClasses the number of classes of a {@code csv:} or {@code npy:} source, or {@code null} to take it
 *     from the labels
 */
public record DataSpec(String source, Double valSplit, Integer numClasses) {

    /** The held-out validation fraction of {@code tune}, {@code compare} and the presets unless told otherwise. */
    public static final double DEFAULT_VAL_SPLIT = 0.2;

    public DataSpec {
        Objects.requireNonNull(source, "source");
    }

    /** The data of {@code source} with an optional held-out fraction; the classes come from the data. */
    public DataSpec(String source, Double valSplit) {
        this(source, valSplit, null);
    }

    /** The splits of {@link #source()}, with the validation split held out when {@link #valSplit()} is set. */
    public DataSplits load() {
        DataSplits splits = DataSources.load(source, numClasses);
        return valSplit == null ? splits : ValidationSplit.holdOut(splits, valSplit);
    }

    /**
     * The source, followed by {@code |num-classes=N} when a class count is given and by {@code |val-split=F} when a
     * fraction is held out: both change what is trained and measured, so they belong to the data's name (and to
     * every study name built from it).
     */
    public String label() {
        return sourceLabel() + (valSplit == null ? "" : "|val-split=" + valSplit);
    }

    /** The source, followed by {@code |num-classes=N} when a class count is given. */
    public String sourceLabel() {
        return numClasses == null ? source : source + "|num-classes=" + numClasses;
    }
}
