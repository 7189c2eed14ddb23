package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.batched.BatchedBase;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;

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

    /** The batched form of R runs' RMSProp ({@link Batched}). */
    public static BatchedRule batched(List<RmsProp> runs) {
        return new Batched(runs);
    }

    /**
     * The rule above for R runs at once, each with its own lr, wd, ρ, ε, μ and centered flag (per-run masks: the
     * centered runs subtract a², the runs with μ &gt; 0 step on b).
     */
    static final class Batched extends BatchedBase {
        private final double[] rho;
        private final double[] oneMinusRho;
        private final double[] eps;
        private final double[] momentum;
        private final boolean[] centered;
        private final boolean[] hasMomentum;
        private final boolean anyCentered;
        private final boolean anyMomentum;

        Batched(List<RmsProp> runs) {
            super(runs);
            rho = runs.stream().mapToDouble(RmsProp::rho).toArray();
            oneMinusRho = runs.stream().mapToDouble(o -> 1 - o.rho).toArray();
            eps = runs.stream().mapToDouble(RmsProp::eps).toArray();
            momentum = runs.stream().mapToDouble(RmsProp::momentum).toArray();
            centered = new boolean[runs.size()];
            hasMomentum = new boolean[runs.size()];
            for (int r = 0; r < centered.length; r++) {
                centered[r] = runs.get(r).centered;
                hasMomentum[r] = runs.get(r).momentum > 0;
            }
            anyCentered = Runs.any(centered);
            anyMomentum = Runs.any(hasMomentum);
        }

        @Override
        protected void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            NDArray g = withL2(grad, weight);
            NDArray v = state.tensor(V, weight::zerosLike);
            v.muli(constants.of(rho, v)).addi(g.square().muli(constants.of(oneMinusRho, v)));
            NDArray e = constants.of(eps, weight);
            NDArray avg = v.sqrt().addi(e);
            if (anyCentered) {
                NDArray a = state.tensor(GRAD_AVG, weight::zerosLike);
                a.muli(constants.of(rho, a)).addi(g.mul(constants.of(oneMinusRho, a)));
                avg = Runs.where(constants.mask(centered, weight), v.sub(a.square()).sqrt().addi(e), avg);
            }
            NDArray lrs = column(lr, weight);
            NDArray plain = g.div(avg);
            if (anyMomentum) {
                NDArray b = state.tensor(MOMENTUM, weight::zerosLike);
                b.muli(constants.of(momentum, b)).addi(plain);
                weight.subi(Runs.where(constants.mask(hasMomentum, weight), b.mul(lrs), plain.mul(lrs)));
            } else {
                weight.subi(plain.muli(lrs));
            }
        }

        @Override
        protected List<String> momentumBufferNames() {
            return anyMomentum ? List.of(MOMENTUM) : List.of();
        }
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
