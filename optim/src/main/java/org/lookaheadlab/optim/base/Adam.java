package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.ParamState;

/**
 * Adam with L2 weight decay and optional AMSGrad (torch.optim.Adam semantics; Kingma &amp; Ba 2015).
 *
 * <pre>
 * g ← g + wd·θ
 * m ← β1·m + (1−β1)·g;   v ← β2·v + (1−β2)·g²;   AMSGrad: v̂ ← max(v̂, v), used in place of v
 * bc1 = 1 − β1ᵗ, bc2 = 1 − β2ᵗ;   denom = √v / √bc2 + ε
 * θ ← θ − (lr / bc1) · m / denom
 * </pre>
 * Defaults: lr 1e-3, β1 0.9, β2 0.999, ε 1e-8, wd 0. {@link AdamW} decouples the weight decay instead.
 */
public class Adam extends AbstractAdam {

    protected Adam(Builder builder) {
        super(builder, false);
    }

    /** A builder with torch.optim defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        adamStep(state, t, lr, weight, withL2(grad, weight));
    }

    /** Builder of {@link Adam}. */
    public static final class Builder extends AdamBuilder<Builder> {
        Builder() {
            super(1e-3, 0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public Adam build() {
            return new Adam(this);
        }
    }
}
