package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.ParamState;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;

/**
 * Rectified Adam (torch.optim.RAdam semantics; Liu et al. 2020).
 *
 * <pre>
 * g ← g + wd·θ;  m, v as Adam;  m̂ = m / (1 − β1ᵗ)
 * ρ∞ = 2/(1−β2) − 1;   ρt = ρ∞ − 2·t·β2ᵗ / (1 − β2ᵗ)
 * ρt &gt; 5:  r = √((ρt−4)(ρt−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρt));  a = √(1−β2ᵗ) / (√v + ε);  θ ← θ − lr·m̂·r·a
 * else:    θ ← θ − lr·m̂
 * </pre>
 * Defaults: lr 1e-3, β1 0.9, β2 0.999, ε 1e-8, wd 0. AMSGrad is not part of RAdam and is rejected.
 */
public class RAdam extends MomentOptimizer {

    protected RAdam(Builder builder) {
        super(builder);
    }

    /** A builder with torch.optim defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        NDArray g = withL2(grad, weight);
        NDArray m = state.tensor(M, weight::zerosLike);
        NDArray v = state.tensor(V, weight::zerosLike);
        updateMoments(m, v, g);
        double bc1 = 1 - Math.pow(beta1, t);
        double beta2t = Math.pow(beta2, t);
        double bc2 = 1 - beta2t;
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * beta2t / bc2;
        if (rhoT > 5) {
            double r = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            weight.subi(m.div(v.sqrt().addi(eps)).muli(lr * r * Math.sqrt(bc2) / bc1));
        } else {
            weight.subi(m.mul(lr / bc1));
        }
    }

    /** The batched form of R runs' RAdam ({@link Batched}). */
    public static BatchedRule batched(List<RAdam> runs) {
        return new Batched(runs);
    }

    /** The rule above for R runs at once (a per-run mask: the runs with ρt &gt; 5 take the rectified step). */
    static final class Batched extends BatchedMoments {
        Batched(List<RAdam> runs) {
            super(runs);
        }

        @Override
        protected void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            NDArray g = withL2(grad, weight);
            NDArray m = state.tensor(M, weight::zerosLike);
            NDArray v = state.tensor(V, weight::zerosLike);
            updateMoments(m, v, g);
            boolean[] rectified = new boolean[runs];
            double[] rectStep = new double[runs];
            double[] plainStep = new double[runs];
            for (int r = 0; r < runs; r++) {
                double bc1 = 1 - Math.pow(beta1[r], t[r]);
                double beta2t = Math.pow(beta2[r], t[r]);
                double bc2 = 1 - beta2t;
                double rhoInf = 2 / (1 - beta2[r]) - 1;
                double rhoT = rhoInf - 2 * t[r] * beta2t / bc2;
                rectified[r] = rhoT > 5;
                plainStep[r] = lr[r] / bc1;
                if (rectified[r]) {
                    double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                    rectStep[r] = lr[r] * rect * Math.sqrt(bc2) / bc1;
                }
            }
            NDArray plain = m.mul(column(plainStep, weight));
            if (!Runs.any(rectified)) {
                weight.subi(plain);
                return;
            }
            NDArray rect = m.div(v.sqrt().addi(constants.of(eps, weight))).muli(column(rectStep, weight));
            weight.subi(Runs.where(mask(rectified, weight), rect, plain));
        }
    }

    /** Builder of {@link RAdam}. */
    public static final class Builder extends AdamBuilder<Builder> {
        Builder() {
            super(1e-3, 0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public RAdam build() {
            requireNoAmsgrad("RAdam");
            return new RAdam(this);
        }
    }
}
