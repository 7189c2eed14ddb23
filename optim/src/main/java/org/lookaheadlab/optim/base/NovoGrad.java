package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lookaheadlab.optim.state.Check;
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
public class NovoGrad extends BaseOptimizer {

    static final String V = "v";

    private final double beta1;
    private final double beta2;
    private final double eps;

    protected NovoGrad(Builder builder) {
        super(builder);
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        eps = builder.eps;
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
        NDArray m = state.tensor(AbstractAdam.M, weight::zerosLike);
        m.muli(beta1).addi(update);
        weight.subi(m.mul(lr));
    }

    @Override
    protected List<String> momentumBufferNames() {
        return List.of(AbstractAdam.M);
    }

    /** Builder of {@link NovoGrad}. */
    public static final class Builder extends BaseBuilder<Builder> {
        double beta1 = 0.9;
        double beta2 = 0.25;
        double eps = 1e-6;

        Builder() {
            super(1e-3, 0);
        }

        /** β1 ∈ [0, 1). */
        public Builder optBeta1(double beta1) {
            this.beta1 = Check.halfOpenUnit("beta1", beta1);
            return this;
        }

        /** β2 ∈ [0, 1). */
        public Builder optBeta2(double beta2) {
            this.beta2 = Check.halfOpenUnit("beta2", beta2);
            return this;
        }

        /** ε ∈ [0, ∞). */
        public Builder optEpsilon(double eps) {
            this.eps = Check.nonNegative("eps", eps);
            return this;
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
