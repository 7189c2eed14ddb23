package org.lookaheadlab.tune;

/** The function a study optimises: suggest parameters on the trial, evaluate, return the value. */
@FunctionalInterface
public interface Objective {

    /**
     * @return the objective value; NaN or ±∞ fails the trial
     * @throws TrialPruned to end the trial as PRUNED; any other exception fails the trial with its message
     */
    double evaluate(Trial trial) throws Exception;
}
