package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Holding out a validation split. */
class ValidationSplitTest {

    @Test
    void holdsOutTheLastRowsOfTheTrainingSplit() {
        double[][] x = new double[10][];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i};
            y[i] = i % 2;
        }
        LabeledData test = LabeledData.flat(new double[][] {{0}}, new int[] {0}, 2);
        DataSplits s = ValidationSplit.holdOut(DataSplits.trainTest(LabeledData.flat(x, y, 2), test), 0.3);
        assertEquals(7, s.train().size());
        assertEquals(3, s.validation().size());
        assertArrayEquals(new double[] {7}, s.validation().features()[0]);
        assertSame(test, s.test());
        assertEquals("validation split is 1.0, accepted range: (0, 1)", assertThrows(
                IllegalArgumentException.class, () -> ValidationSplit.holdOut(s, 1.0)).getMessage());
    }
}
