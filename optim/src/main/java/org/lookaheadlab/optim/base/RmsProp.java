package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;

/**
 * RMSProp, optionally centered and with momentum (torch.optim.RMSprop semantics; Hinton's lecture 6e).
 *
 * <pre>
 * g ← g + wd·θ;   v ← ρ·v + (1−ρ)·g²
 * centered: a ← ρ·a + (1−ρ)·g,  avg = √(v − a²) + ε;   else avg = √v + ε
 * μ &gt; 0:  b ← μ·b + g/avg,  θ ← θ − lr·b;           else θ ← θ − lr·g/avg
 * </pre>
 * Defaults: lr 0.01, ρ 0.99, ε 1e-8, μ 0, centered false, wd 0.
 */
public class RmsProp extends BaseOptimizer {

    static final String V = "v";
    static final String GRAD_AVG = "gradAvg";
    static final String MOMENTUM = "momentum";

    private final double rho;
    private final double eps;
    private final double momentum;
    private final boolean centered;

    protected RmsProp(Builder builder) {
        super(builder);
        rho = builder.rho;
        eps = builder.eps;
        momentum = builder.momentum;
        centered = builder.centered;
    }

    /** A builder with torch.optim defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Smoothing constant ρ. */
    public double rho() {
        return rho;
    }

    /** ε of the denominator. */
    public double eps() {
        return eps;
    }

    /** Momentum μ. */
    public double momentum() {
        return momentum;
    }

    /** Whether the variance is centered. */
    public boolean centered() {
        return centered;
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        NDArray g = withL2(grad, weight);
        NDArray v = state.tensor(V, weight::zerosLike);
        v.muli(rho).addi(g.square().muli(1 - rho));
        NDArray avg;
        if (centered) {
            NDArray a = state.tensor(GRAD_AVG, weight::zerosLike);
            a.muli(rho).addi(g.mul(1 - rho));
            avg = v.sub(a.square()).sqrt().addi(eps);
        } else {
            avg = v.sqrt().addi(eps);
        }
        if (momentum > 0) {
            NDArray b = state.tensor(MOMENTUM, weight::zerosLike);
            b.muli(momentum).addi(g.div(avg));
            weight.subi(b.mul(lr));
        } else {
            weight.subi(g.div(avg).muli(lr));
        }
    }

    @Override
    protected List<String> momentumBufferNames() {
        return momentum > 0 ? List.of(MOMENTUM) : List.of();
    }

    /** Builder of {@link RmsProp}. */
    public static final class Builder extends BaseBuilder<Builder> {
        double rho = 0.99;
        double eps = 1e-8;
        double momentum;
        boolean centered;

        Builder() {
            super(0.01, 0);
        }

        /** Smoothing constant ρ ∈ [0, 1). */
        public Builder optRho(double rho) {
            this.rho = Check.halfOpenUnit("rho", rho);
            return this;
        }

        /** ε ∈ [0, ∞). */
        public Builder optEpsilon(double eps) {
            this.eps = Check.nonNegative("eps", eps);
            return this;
        }

        /** Momentum μ ∈ [0, 1). */
        public Builder optMomentum(double momentum) {
            this.momentum = Check.halfOpenUnit("momentum", momentum);
            return this;
        }

        /** Centered variant (normalise by the estimated variance). */
        public Builder optCentered(boolean centered) {
            this.centered = centered;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public RmsProp build() {
            return new RmsProp(this);
        }
    }
}
