package org.lookaheadlab.tune;

import java.util.List;

/**
 * The function a study optimises a round at a time ({@link Study#optimizeInRounds}): it gets the round's trials,
 * RUNNING and in number order, suggests each one's parameters, evaluates them together (e.g. as one batched
 * training of all their runs) and returns one outcome per trial, in the same order.
 */
@FunctionalInterface
public interface BatchObjective {

    /**
     * @return one outcome per trial, in the order of {@code trials}
     * @throws Exception fails every trial of the round with its message
     */
    List<TrialOutcome> evaluate(List<Trial> trials) throws Exception;
}
