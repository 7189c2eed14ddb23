package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.ParamState;

/**
 * Adam with decoupled weight decay (torch.optim.AdamW semantics; Loshchilov &amp; Hutter 2019):
 * θ ← θ·(1 − lr·wd), then the {@link Adam} step with no L2 term. Defaults as Adam, wd 0.01.
 */
public class AdamW extends AbstractAdam {

    protected AdamW(Builder builder) {
        super(builder, true);
    }

    /** A builder with torch.optim defaults (wd 0.01). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        if (weightDecay != 0) {
            weight.muli(1 - lr * weightDecay);
        }
        adamStep(state, t, lr, weight, grad);
    }

    /** Builder of {@link AdamW}. */
    public static final class Builder extends AdamBuilder<Builder> {
        Builder() {
            super(1e-3, 0.01);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
