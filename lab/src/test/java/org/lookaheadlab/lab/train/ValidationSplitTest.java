package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;

/** Holding out a validation split, and the history CSV layout. */
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

    @Test
    void historyCsvHasOneRowPerEpoch() {
        String csv = HistoryFiles.csv(List.of(new EpochMetrics(1, 40, 2.5, 0.25, 2.0, 0.5, 2.25, 0.375, 1.5)));
        assertEquals("epoch,step,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,train_seconds\n"
                + "1,40,2.5,0.25,2.0,0.5,2.25,0.375,1.5\n", csv.replace(System.lineSeparator(), "\n"));
    }
}
