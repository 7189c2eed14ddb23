package org.lookaheadlab.optim.wrap;

import org.lookaheadlab.optim.state.Check;

/**
 * Settings of the weight-averaging schedule shared by the {@link AbstractAverage} builders: the first averaged step
 * and the period of the averaging updates.
 *
 * @param <T> the concrete builder
 */
public abstract class AverageBuilder<T extends AverageBuilder<T>> extends WrapperBuilder<T> {
    int start = 1;
    int every = 1;

    /** The step t of the first averaging update, start ≥ 1 (default 1: the first step). */
    public T optStart(int start) {
        this.start = Check.atLeast("start", start, 1);
        return self();
    }

    /** The period of the averaging updates after {@code start}, every ≥ 1 (default 1: every step). */
    public T optEvery(int every) {
        this.every = Check.atLeast("every", every, 1);
        return self();
    }
}
