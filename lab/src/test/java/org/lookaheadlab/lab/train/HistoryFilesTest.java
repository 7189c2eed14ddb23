package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The history CSV layout. */
class HistoryFilesTest {

    @Test
    void historyCsvHasOneRowPerEpoch() {
        String csv = HistoryFiles.csv(List.of(new EpochMetrics(1, 40, 2.5, 0.25, 2.0, 0.5, 2.25, 0.375, 1.5)));
        assertEquals("epoch,step,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,train_seconds\n"
                + "1,40,2.5,0.25,2.0,0.5,2.25,0.375,1.5\n", csv.replace(System.lineSeparator(), "\n"));
    }
}
