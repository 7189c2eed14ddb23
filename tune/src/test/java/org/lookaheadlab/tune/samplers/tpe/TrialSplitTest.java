package org.lookaheadlab.tune.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;

class TrialSplitTest {

    private static FrozenTrial trial(int number, TrialState state, Double value, double... intermediate) {
        TreeMap<Integer, Double> iv = new TreeMap<>();
        for (int i = 0; i < intermediate.length; i++) {
            iv.put(i, intermediate[i]);
        }
        return new FrozenTrial(number + 100L, number, state, value, Map.of(), Map.of(), iv, Map.of(), null,
                Instant.EPOCH, null);
    }

    private static List<Integer> numbers(List<FrozenTrial> ts) {
        return ts.stream().map(FrozenTrial::number).toList();
    }

    @Test
    void belowIsTheGammaBestCompleteTrialsAndRunningTrialsAreAbove() {
        List<FrozenTrial> h = new ArrayList<>();
        double[] values = {5, 3, 9, 1, 7, 2, 8, 6, 4, 0.5, 10, 11}; // 12 COMPLETE: gamma(12 + 1 pruned) = 2
        for (int i = 0; i < values.length; i++) {
            h.add(trial(i, TrialState.COMPLETE, values[i]));
        }
        h.add(trial(12, TrialState.PRUNED, 0.1, 0.1));
        h.add(trial(13, TrialState.FAIL, null));
        h.add(trial(14, TrialState.RUNNING, null));
        h.add(trial(15, TrialState.RUNNING, null)); // the current trial
        TrialSplit split = TrialSplit.of(h, 115, StudyDirection.MINIMIZE, true);
        assertEquals(List.of(3, 9), numbers(split.below()));
        assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 14), numbers(split.above()));
        TrialSplit noLiar = TrialSplit.of(h, 115, StudyDirection.MINIMIZE, false);
        assertEquals(List.of(0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12), numbers(noLiar.above()));
        TrialSplit max = TrialSplit.of(h, 115, StudyDirection.MAXIMIZE, false);
        assertEquals(List.of(10, 11), numbers(max.below()));
    }

    @Test
    void prunedTrialsFillBelowByProgressThenValue() {
        List<FrozenTrial> h = new ArrayList<>();
        h.add(trial(0, TrialState.COMPLETE, 3.0));
        h.add(trial(1, TrialState.PRUNED, 9.0, 9, 9, 9)); // got furthest
        h.add(trial(2, TrialState.PRUNED, 1.0, 1)); // best value, but stopped early
        h.add(trial(3, TrialState.PRUNED, 5.0, 8, 5)); // step 1 with 5.0
        h.add(trial(4, TrialState.PRUNED, null, Double.NaN, Double.NaN)); // step 1 with NaN = +inf
        h.add(trial(5, TrialState.PRUNED, null)); // nothing reported: last
        for (int i = 6; i < 11; i++) {
            h.add(trial(i, TrialState.PRUNED, null)); // nothing reported either
        }
        h.add(trial(11, TrialState.FAIL, null)); // ignored
        // n = 11 finished → gamma 2: the one COMPLETE trial, then the pruned trial that got furthest
        assertEquals(List.of(0, 1), numbers(TrialSplit.of(h, -1, StudyDirection.MINIMIZE, true).below()));
        for (int i = 12; i < 32; i++) {
            h.add(trial(i, TrialState.PRUNED, null));
        }
        // n = 31 → gamma 4: then the step-1 trials, 5.0 (trial 3) before NaN (trial 4); trial 2 (step 0) is above
        TrialSplit split = TrialSplit.of(h, -1, StudyDirection.MINIMIZE, true);
        assertEquals(List.of(0, 1, 3, 4), numbers(split.below()));
        assertEquals(27, split.above().size());
    }

    @Test
    void smallestKeepsTheKSmallestInOrder() {
        assertArrayEquals(new double[] {0, 1, 1}, TrialSplit.smallest(new double[] {5, 1, 0, 3, 1, 9}, 6, 3));
        assertArrayEquals(new double[] {2}, TrialSplit.smallest(new double[] {2}, 1, 1));
    }
}
