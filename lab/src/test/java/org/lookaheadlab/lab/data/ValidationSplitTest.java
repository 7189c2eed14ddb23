package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Holding out a validation split: deterministic, disjoint, stratified, the same for every caller. */
class ValidationSplitTest {

    /** 100 rows whose single feature is the row index; labels sorted by class (the worst case for "the last rows"). */
    private static DataSplits sortedByClass() {
        double[][] x = new double[100][];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            x[i] = new double[] {i};
            y[i] = i < 70 ? 0 : 1; // 70 of class 0, then 30 of class 1
        }
        LabeledData test = LabeledData.flat(new double[][] {{-1}}, new int[] {0}, 2);
        return DataSplits.trainTest(LabeledData.flat(x, y, 2), test);
    }

    private static Set<Double> rows(LabeledData d) {
        Set<Double> out = new HashSet<>();
        for (double[] row : d.features()) {
            out.add(row[0]);
        }
        return out;
    }

    @Test
    void holdsOutAStratifiedDeterministicDisjointShare() {
        DataSplits data = sortedByClass();
        DataSplits s = ValidationSplit.holdOut(data, 0.2);
        assertEquals(80, s.train().size());
        assertEquals(20, s.validation().size());
        assertSame(data.test(), s.test());
        Set<Double> train = rows(s.train());
        Set<Double> validation = rows(s.validation());
        assertEquals(100, train.size() + validation.size());
        assertTrue(train.stream().noneMatch(validation::contains), "disjoint from the kept training rows");
        assertTrue(validation.stream().noneMatch(v -> v < 0), "disjoint from the test split");
        long ones = java.util.Arrays.stream(s.validation().labels()).filter(l -> l == 1).count();
        assertTrue(Math.abs(ones - 6) <= 1, "class 1 keeps its 30% share within one row: " + ones + " of 20");
        // not simply the last rows (which would all be class 1 here)
        assertTrue(validation.stream().anyMatch(v -> v < 70));
        // deterministic: the same rows every time, and the training rows keep their order
        DataSplits again = ValidationSplit.holdOut(sortedByClass(), 0.2);
        assertArrayEquals(s.validation().features(), again.validation().features());
        assertArrayEquals(s.train().features(), again.train().features());
        for (int i = 1; i < s.train().size(); i++) {
            assertTrue(s.train().features()[i][0] > s.train().features()[i - 1][0]);
        }
    }

    @Test
    void badFractionsAndDataWithAValidationSplitAreRefused() {
        DataSplits s = ValidationSplit.holdOut(sortedByClass(), 0.3);
        assertEquals("validation split is 1.0, accepted range: (0, 1)", assertThrows(
                IllegalArgumentException.class, () -> ValidationSplit.holdOut(sortedByClass(), 1.0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ValidationSplit.holdOut(s, 0.2)).getMessage()
                .contains("already has a validation split"));
    }
}
