package org.lookaheadlab.lab.data;

import java.util.Objects;

/**
 * Train, validation and test splits. The validation split is optional: when absent, validation metrics are
 * computed on the test split, as in the seed experiments.
 */
public record DataSplits(LabeledData train, LabeledData validation, LabeledData test) {

    public DataSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /** Splits with no separate validation split. */
    public static DataSplits trainTest(LabeledData train, LabeledData test) {
        return new DataSplits(train, null, test);
    }

    public boolean hasValidation() {
        return validation != null;
    }

    /** The validation split, or the test split when none was given. */
    public LabeledData validationOrTest() {
        return validation != null ? validation : test;
    }
}
