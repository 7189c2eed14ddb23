package org.lookaheadlab.tune;

/** Whether a study minimises or maximises its objective. */
public enum StudyDirection {
    MINIMIZE, MAXIMIZE;

    /** True when {@code a} is strictly better than {@code b} in this direction. */
    public boolean isBetter(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }
}
