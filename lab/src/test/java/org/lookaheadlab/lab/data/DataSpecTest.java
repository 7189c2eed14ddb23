package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The data of a command as one value: what is loaded and what names it. */
class DataSpecTest {

    private static final String SMALL = "mnist1d:num-samples=200";

    @Test
    void labelIsTheSourceWithTheHeldOutFractionAsStudiesAlreadyRecordIt() {
        // these strings are part of stored study names: they must not change
        assertEquals("mnist1d:num-samples=200", new DataSpec(SMALL, null).label());
        assertEquals("mnist1d:num-samples=200|val-split=0.25", new DataSpec(SMALL, 0.25).label());
        assertEquals("csv:d.csv|val-split=0.1", new DataSpec("csv:d.csv", 0.1).label());
        assertEquals("csv:d.csv|num-classes=12|val-split=0.1", new DataSpec("csv:d.csv", 0.1, 12).label());
        assertEquals("csv:d.csv|num-classes=12", new DataSpec("csv:d.csv", 0.1, 12).sourceLabel());
    }

    @Test
    void loadHoldsOutTheValidationSplitWhenAFractionIsGiven() {
        DataSplits whole = new DataSpec(SMALL, null).load();
        DataSplits split = new DataSpec(SMALL, 0.25).load();
        assertFalse(whole.hasValidation());
        assertEquals(160, whole.train().size());
        assertEquals(120, split.train().size());
        assertEquals(40, split.validation().size());
        DataSplits direct = ValidationSplit.holdOut(whole, 0.25);
        assertArrayEquals(direct.validation().features(), split.validation().features());
        assertArrayEquals(direct.train().features(), split.train().features());
        assertArrayEquals(whole.test().labels(), split.test().labels());
    }

    @Test
    void aBadFractionIsRefusedWhenLoading() {
        assertEquals("validation split is 1.5, accepted range: (0, 1)", assertThrows(IllegalArgumentException.class,
                () -> new DataSpec(SMALL, 1.5).load()).getMessage());
    }
}
