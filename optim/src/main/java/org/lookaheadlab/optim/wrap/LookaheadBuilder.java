package org.lookaheadlab.optim.wrap;

import org.lookaheadlab.optim.InnerState;
import org.lookaheadlab.optim.state.Check;

/**
 * Settings of the slow/fast-weights cycle shared by the {@link AbstractLookahead} builders: sync period k,
 * slow step size α and what happens to the inner state at a sync.
 *
 * @param <T> the concrete builder
 */
public abstract class LookaheadBuilder<T extends LookaheadBuilder<T>> extends WrapperBuilder<T> {
    int k = 5;
    double alpha;
    InnerState innerState = InnerState.NONE;

    /** @param defaultAlpha the wrapper's default α */
    protected LookaheadBuilder(double defaultAlpha) {
        alpha = defaultAlpha;
    }

    /** Sync period k ≥ 1 (la_steps). */
    public T optK(int k) {
        this.k = Check.atLeast("k", k, 1);
        return self();
    }

    /** Slow step size α ∈ [0, 1]. */
    public T optAlpha(double alpha) {
        this.alpha = Check.closedUnit("alpha", alpha);
        return self();
    }

    /** What happens to the inner state at a sync. */
    public T optInnerState(InnerState innerState) {
        Check.that(innerState != null, "innerState", null, "none, reset, pullback");
        this.innerState = innerState;
        return self();
    }
}
