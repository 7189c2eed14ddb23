package org.lookaheadlab.lab.data;

import java.util.Arrays;

/**
 * Holds out part of the training split as the validation split: the last {@code ⌊fraction · N⌋} training rows
 * (deterministic; mnist1d's training rows are already in random order).
 */
public final class ValidationSplit {

    private ValidationSplit() {}

    public static DataSplits holdOut(DataSplits splits, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation split is " + fraction + ", accepted range: (0, 1)");
        }
        if (splits.hasValidation()) {
            throw new IllegalArgumentException("the data already has a validation split, accepted: no --val-split");
        }
        LabeledData train = splits.train();
        int n = train.size();
        int held = (int) Math.floor(fraction * n);
        if (held < 1 || held >= n) {
            throw new IllegalArgumentException("validation split " + fraction + " of " + n
                    + " training rows leaves an empty split, accepted: a fraction giving 1.." + (n - 1) + " rows");
        }
        int kept = n - held;
        LabeledData newTrain = new LabeledData(Arrays.copyOfRange(train.features(), 0, kept),
                Arrays.copyOfRange(train.labels(), 0, kept), train.numClasses(), train.sampleShape());
        LabeledData validation = new LabeledData(Arrays.copyOfRange(train.features(), kept, n),
                Arrays.copyOfRange(train.labels(), kept, n), train.numClasses(), train.sampleShape());
        return new DataSplits(newTrain, validation, splits.test());
    }
}
