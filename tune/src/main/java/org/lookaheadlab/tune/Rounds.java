package org.lookaheadlab.tune;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rounds of a study optimised {@code width} trials at a time ({@link Study#optimizeInRounds}), read back from
 * its trials, so that a resumed study runs exactly the rounds an uninterrupted one runs.
 *
 * <p>The rule: round 0 starts at trial number 0; a round that starts at number {@code b} when {@code c} trials
 * numbered below {@code b} are COMPLETE holds the numbers {@code [b, b + min(width, target − c))}; the next round
 * starts after it. Every quantity is a function of the trials of earlier rounds, which are all finished before a
 * round starts, so the rounds of a study are fixed by its finished trials whether or not it was interrupted. The
 * open round is the first one with a number not yet created or a trial not yet finished.
 */
final class Rounds {

    private Rounds() {
    }

    /**
     * The first round not finished: its first trial number and its size; empty when the study already holds
     * {@code target} COMPLETE trials in finished rounds.
     */
    static Optional<int[]> open(List<FrozenTrial> trials, int width, int target) {
        Map<Integer, TrialState> states = new HashMap<>();
        for (FrozenTrial t : trials) {
            states.put(t.number(), t.state());
        }
        int first = 0;
        int completeBefore = 0;
        while (completeBefore < target) {
            int size = Math.min(width, target - completeBefore);
            int complete = 0;
            for (int n = first; n < first + size; n++) {
                TrialState s = states.get(n);
                if (s == null || !s.isFinished()) {
                    return Optional.of(new int[] {first, size});
                }
                complete += s == TrialState.COMPLETE ? 1 : 0;
            }
            completeBefore += complete;
            first += size;
        }
        return Optional.empty();
    }
}
