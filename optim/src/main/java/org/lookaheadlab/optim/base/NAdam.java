package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;

/**
 * NAdam, Adam with Nesterov momentum and momentum decay (torch.optim.NAdam semantics; Dozat 2016).
 *
 * <pre>
 * g ← g + wd·θ
 * μt = β1·(1 − ½·0.96^(t·ψ)),  μt+1 = β1·(1 − ½·0.96^((t+1)·ψ)),  Π ← Π·μt  (Π = 1 before step 1)
 * m, v as Adam;  denom = √(v / (1−β2ᵗ)) + ε
 * θ ← θ − lr·(1−μt)/(1−Π) · g/denom − lr·μt+1/(1 − Π·μt+1) · m/denom
 * </pre>
 * Defaults: lr 2e-3, β1 0.9, β2 0.999, ε 1e-8, ψ (momentumDecay) 0.004, wd 0. Π is saved with the state.
 */
public class NAdam extends MomentOptimizer {

    static final String MU_PRODUCT = "muProduct";

    private final double momentumDecay;

    protected NAdam(Builder builder) {
        super(builder);
        momentumDecay = builder.momentumDecay;
    }

    /** A builder with torch.optim defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Momentum decay ψ. */
    public double momentumDecay() {
        return momentumDecay;
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        NDArray g = withL2(grad, weight);
        NDArray m = state.tensor(M, weight::zerosLike);
        NDArray v = state.tensor(V, weight::zerosLike);
        double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
        double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
        double muProduct = state.getDouble(MU_PRODUCT, 1.0) * mu;
        state.setDouble(MU_PRODUCT, muProduct);
        updateMoments(m, v, g);
        double bc2 = 1 - Math.pow(beta2, t);
        NDArray denom = v.div(bc2).sqrt().addi(eps);
        weight.subi(g.div(denom).muli(lr * (1 - mu) / (1 - muProduct)));
        weight.subi(m.div(denom).muli(lr * muNext / (1 - muProduct * muNext)));
    }

    /** The batched form of R runs' NAdam ({@link Batched}). */
    public static BatchedRule batched(List<NAdam> runs) {
        return new Batched(runs);
    }

    /** The rule above for R runs at once, each with its own lr, wd, β1, β2, ε, ψ and product Π. */
    static final class Batched extends BatchedMoments {
        private final double[] momentumDecay;

        Batched(List<NAdam> runs) {
            super(runs);
            momentumDecay = runs.stream().mapToDouble(NAdam::momentumDecay).toArray();
        }

        @Override
        protected void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            NDArray g = withL2(grad, weight);
            NDArray m = state.tensor(M, weight::zerosLike);
            NDArray v = state.tensor(V, weight::zerosLike);
            double[] product = state.doubles(MU_PRODUCT, 1.0);
            double[] bc2 = new double[runs];
            double[] gradStep = new double[runs];
            double[] momentStep = new double[runs];
            for (int r = 0; r < runs; r++) {
                double mu = beta1[r] * (1 - 0.5 * Math.pow(0.96, t[r] * momentumDecay[r]));
                double muNext = beta1[r] * (1 - 0.5 * Math.pow(0.96, (t[r] + 1) * momentumDecay[r]));
                product[r] *= mu;
                bc2[r] = 1 - Math.pow(beta2[r], t[r]);
                gradStep[r] = lr[r] * (1 - mu) / (1 - product[r]);
                momentStep[r] = lr[r] * muNext / (1 - product[r] * muNext);
            }
            updateMoments(m, v, g);
            NDArray denom = v.div(column(bc2, weight)).sqrt().addi(constants.of(eps, weight));
            weight.subi(g.div(denom).muli(column(gradStep, weight)));
            weight.subi(m.div(denom).muli(column(momentStep, weight)));
        }
    }

    /** Builder of {@link NAdam}. */
    public static final class Builder extends AdamBuilder<Builder> {
        double momentumDecay = 0.004;

        Builder() {
            super(2e-3, 0);
        }

        /** Momentum decay ψ ∈ [0, ∞). */
        public Builder optMomentumDecay(double momentumDecay) {
            this.momentumDecay = Check.nonNegative("momentumDecay", momentumDecay);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public NAdam build() {
            requireNoAmsgrad("NAdam");
            return new NAdam(this);
        }
    }
}
