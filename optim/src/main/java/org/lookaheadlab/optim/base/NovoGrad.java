package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.ParamState;

/**
 * NovoGrad with one second moment per parameter tensor (optax.novograd semantics; Ginsburg et al. 2019).
 *
 * <pre>
 * n = ‖g‖₂² (sum over the tensor)
 * t = 1:  v ← n;                     t &gt; 1:  v ← β2·v + (1−β2)·n
 * m ← β1·m + g/(√v + ε) + wd·θ      (m = 0 before step 1; no (1−β1) factor)
 * θ ← θ − lr·m
 * </pre>
 * Defaults: lr 1e-3, β1 0.9, β2 0.25, ε 1e-6, wd 0 (optax's defaults).
 */
public class NovoGrad extends MomentOptimizer {

    protected NovoGrad(Builder builder) {
        super(builder);
    }

    /** A builder with optax defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        NDArray n = grad.square().sum();
        NDArray v = state.tensor(V);
        if (v == null) {
            v = n;
            state.putTensor(V, v);
        } else {
            v.muli(beta2).addi(n.muli(1 - beta2));
        }
        NDArray update = grad.div(v.sqrt().addi(eps));
        if (weightDecay != 0) {
            update.addi(weight.mul(weightDecay));
        }
        NDArray m = state.tensor(M, weight::zerosLike);
        m.muli(beta1).addi(update);
        weight.subi(m.mul(lr));
    }

    /** Builder of {@link NovoGrad}. */
    public static final class Builder extends MomentBuilder<Builder> {
        Builder() {
            super(1e-3, 0, 0.25, 1e-6);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public NovoGrad build() {
            return new NovoGrad(this);
        }
    }
}
