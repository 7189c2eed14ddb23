package org.lookaheadlab.lab.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BudgetCurveTest {

    /** Twelve trial values as TPE gives them: a few bad random-start trials, a tie, a cluster near the best. */
    private static final double[] TRIALS = {1.62, 0.97, 2.31, 0.95, 0.99, 0.95, 1.12, 0.94, 1.01, 0.96, 1.40, 0.93};

    @Test
    void agreesWithABruteForceMonteCarloEstimate() {
        BudgetCurve curve = BudgetCurve.ofMinimum(TRIALS);
        assertEquals(TRIALS.length, curve.trials());
        SplittableRandom random = new SplittableRandom(42);
        int draws = 200_000;
        for (int n = 1; n <= TRIALS.length; n++) {
            double[] minima = new double[draws];
            for (int d = 0; d < draws; d++) {
                double min = Double.POSITIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    min = Math.min(min, TRIALS[random.nextInt(TRIALS.length)]);
                }
                minima[d] = min;
            }
            double mean = Arrays.stream(minima).average().orElseThrow();
            double var = Arrays.stream(minima).map(x -> (x - mean) * (x - mean)).sum() / (draws - 1);
            double varOfSquares = Arrays.stream(minima).map(x -> Math.pow((x - mean) * (x - mean) - var, 2)).sum()
                    / (draws - 1);
            double meanTolerance = 4 * Math.sqrt(var / draws) + 1e-12;
            double varTolerance = 4 * Math.sqrt(varOfSquares / draws) + 1e-12;
            assertEquals(mean, curve.expectedAt(n), meanTolerance, "E[min of " + n + "]");
            double sd = curve.sd().get(n - 1);
            assertEquals(var, sd * sd, varTolerance, "Var[min of " + n + "]");
        }
    }

    @Test
    void handCheckedEnds() {
        BudgetCurve curve = BudgetCurve.ofMinimum(TRIALS);
        double mean = Arrays.stream(TRIALS).average().orElseThrow();
        assertEquals(mean, curve.expectedAt(1), 1e-12, "one trial: the mean of the values");
        double var = Arrays.stream(TRIALS).map(x -> (x - mean) * (x - mean)).sum() / TRIALS.length;
        assertEquals(Math.sqrt(var), curve.sd().get(0), 1e-12, "one trial: the population sd");
        // two values {0, 1}: the minimum of 2 draws is 1 only when both draw 1, so E = 1/4, Var = 1/4 − 1/16
        BudgetCurve two = BudgetCurve.ofMinimum(new double[] {1, 0});
        assertEquals(0.25, two.expectedAt(2), 1e-15);
        assertEquals(Math.sqrt(3.0 / 16), two.sd().get(1), 1e-15);
        for (int n = 2; n <= TRIALS.length; n++) {
            assertTrue(curve.expectedAt(n) < curve.expectedAt(n - 1), "more trials, better expected best");
            assertTrue(curve.lowerBand(n) >= 0.93 && curve.upperBand(n) <= 2.31, "band clipped to the values");
        }
        assertEquals(0.93, curve.best());
        BudgetCurve constant = BudgetCurve.ofMinimum(new double[] {0.5, 0.5, 0.5});
        assertEquals(List.of(0.5, 0.5, 0.5), constant.expected());
        assertEquals(List.of(0.0, 0.0, 0.0), constant.sd());
    }

    @Test
    void rankingChangesWhereTheCurvesCross() {
        // a: always mediocre; b: usually bad, but its best trial beats everything: b overtakes a at n = 3
        BudgetCurve a = BudgetCurve.ofMinimum(new double[] {1.0, 1.0, 1.0, 1.0});
        BudgetCurve b = BudgetCurve.ofMinimum(new double[] {0.5, 1.4, 1.4, 1.4});
        // E_b[min of n] = 1.4 − 0.9 · (1 − (3/4)^n): 1.175, 1.00625, 0.8797...
        assertEquals(1.175, b.expectedAt(1), 1e-12);
        assertEquals(1.00625, b.expectedAt(2), 1e-12);
        List<BudgetCurve.RankingChange> changes = BudgetCurve.rankingChanges(List.of(a, b));
        assertEquals(List.of(new BudgetCurve.RankingChange(3, List.of(0, 1), List.of(1, 0))), changes);
        assertEquals(List.of(), BudgetCurve.rankingChanges(List.of(a, a)), "ties keep the order: no change");
        assertEquals(List.of(), BudgetCurve.rankingChanges(List.of(a)));
    }

    @Test
    void rejectsEmptyOrNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> BudgetCurve.ofMinimum(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BudgetCurve.ofMinimum(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("values[1] is NaN"), e.getMessage());
    }
}
