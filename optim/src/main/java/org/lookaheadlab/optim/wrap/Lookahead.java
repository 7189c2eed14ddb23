package org.lookaheadlab.optim.wrap;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Tensors;

/**
 * Lookahead (Zhang, Lucas, Hinton &amp; Ba 2019), paper-exact schedule as in the official code, optax and TF
 * Addons, over any DJL optimizer:
 * <pre>
 * before the first inner step of a parameter:  slow ← copy(θ)
 * every step:                                  θ ← inner step(θ)          (fast weights)
 * after steps k, 2k, 3k, …:                    slow ← slow + α(θ − slow);  θ ← slow
 * </pre>
 * innerState at a sync: none / reset (re-initialise the inner state of the parameter, step counter included, as
 * optax {@code reset_state}) / pullback (every momentum-like buffer m: m_slow ← m_slow + α(m − m_slow);
 * m ← m_slow, m_slow a separate copy starting at zero, so no aliasing). α = 1 reproduces the inner optimizer,
 * α = 0 returns to the initial weights at every sync. Defaults k = 5, α = 0.5, innerState none.
 */
public class Lookahead extends AbstractLookahead {

    protected Lookahead(Builder builder) {
        super(builder);
    }

    /** A builder with k = 5, α = 0.5, innerState none. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void afterFastStep(ParamState state, long position, NDArray weight) {}

    /** θ ← ((θ − slow)·α) + slow in place (the new slow weights), then slow ← copy(θ). */
    @Override
    protected void sync(ParamState state, NDArray weight) {
        NDArray slow = state.tensor(SLOW);
        if (alpha == 0) {
            Tensors.copyInto(slow, weight);
            return;
        }
        if (alpha != 1) {
            lerpInPlace(weight, slow);
        }
        Tensors.copyInto(weight, slow);
    }

    /** The batched form of R runs' Lookahead around their batched inner rule. */
    public static BatchedRule batched(List<Lookahead> runs, BatchedRule inner) {
        return new Batched(runs, inner);
    }

    /** The rule above for R runs at once ({@link AbstractLookahead.BatchedCycle}): the slow weights move to θ. */
    static final class Batched extends BatchedCycle {
        Batched(List<Lookahead> runs, BatchedRule inner) {
            super(runs, inner);
        }

        @Override
        void afterFastStep(RunState state, long[] position, NDArray weight) {}

        @Override
        void sync(RunState state, NDArray mask, NDArray weight) {
            moveSlow(state, mask, weight, weight);
        }
    }

    /** Builder of {@link Lookahead}. */
    public static final class Builder extends LookaheadBuilder<Builder> {
        Builder() {
            super(0.5);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds (checks that reset/pullback have an inner optimizer of ours). */
        public Lookahead build() {
            return new Lookahead(this);
        }
    }
}
