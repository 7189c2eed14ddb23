package org.lookaheadlab.lab.cli;

import org.lookaheadlab.lab.data.DataSpec;
import picocli.CommandLine.Option;

/**
 * The data flags of every command that trains (a picocli mixin): {@code --data}, {@code --val-split} and
 * {@code --num-classes}, turned into one {@link DataSpec}. A flag that is not given keeps the command's own
 * default ({@link #over}): mnist1d for {@code train} and {@code tune}, the preset's data for {@code compare}.
 */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "SPEC",
            description = "mnist1d[:num-samples=N,seed=S,...] | csv:PATH | cifar10:DIR[:limit=N] | npy:DIR (x.npy, "
                    + "y.npy, x_test.npy, y_test.npy; optionally x_val.npy, y_val.npy) | nqm[:dim=D,train=N,test=M,"
                    + "seed=S] (noise draws for --model nqm) (default: mnist1d; for compare: the preset's)")
    String source;

    @Option(names = "--val-split", paramLabel = "F|test",
            description = "hold out this fraction of the training rows for validation, stratified and "
                    + "deterministic (default: " + DataSpec.DEFAULT_VAL_SPLIT + " for tune and compare, test for "
                    + "train); test: validate (and so tune) on the test split, the seed reports' protocol, whose "
                    + "test figures are then biased by the selection")
    String valSplit;

    @Option(names = "--num-classes", paramLabel = "N",
            description = "classes of csv: or npy: data: labels must lie in 0..N-1 (default: the distinct labels, "
                    + "which must then be 0..K-1)")
    Integer numClasses;

    /** Whether any of the data flags was given. */
    boolean given() {
        return source != null || valSplit != null || numClasses != null;
    }

    /** {@code defaults} with every given flag in its place. */
    DataSpec over(DataSpec defaults) {
        return new DataSpec(source != null ? source : defaults.source(),
                valSplit != null ? parseValSplit(valSplit) : defaults.valSplit(),
                numClasses != null ? numClasses : defaults.numClasses());
    }

    /** A fraction, or null for {@code test}. */
    private static Double parseValSplit(String text) {
        if (text.strip().equalsIgnoreCase("test")) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--val-split is '" + text + "', accepted: a fraction in (0, 1), or "
                    + "test (validate on the test split)");
        }
    }
}
