package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;

/**
 * AdaBound: Adam whose per-element step size is clipped into bounds converging to a final SGD learning rate
 * (Luo et al. 2019; semantics of the authors' PyTorch code, without AMSBound).
 *
 * <pre>
 * g ← g + wd·θ;  m, v as Adam;  denom = √v + ε
 * step = lr·√(1−β2ᵗ)/(1−β1ᵗ);   fl = finalLr · lr / lr₀
 * lower = fl·(1 − 1/(γ·t + 1));  upper = fl·(1 + 1/(γ·t))
 * η = clamp(step / denom, lower, upper);   θ ← θ − η·m
 * </pre>
 * lr₀ is the base learning rate ({@link LearningRate#base}): the fixed learning rate; with an
 * {@link org.lookaheadlab.optim.LrSchedule} its base (peak) lr, like {@code base_lrs} of the authors' code taken
 * before a torch scheduler touches the lr (so a warm-up does not inflate the bounds); with any other tracker its
 * value at step 1. So a schedule scales the bounds too: fl = finalLr at the base lr. A one-step learning-rate
 * multiplier ({@link #updateScaled}) scales the step and the bounds alike, i.e. the whole displacement.
 * Defaults: lr 1e-3, β1 0.9, β2 0.999, finalLr 0.1, γ 1e-3, ε 1e-8, wd 0.
 */
public class AdaBound extends MomentOptimizer {

    private final double finalLr;
    private final double gamma;

    protected AdaBound(Builder builder) {
        super(builder);
        finalLr = builder.finalLr;
        gamma = builder.gamma;
    }

    /** A builder with the authors' defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Final (SGD) learning rate. */
    public double finalLr() {
        return finalLr;
    }

    /** Convergence speed γ of the bounds. */
    public double gamma() {
        return gamma;
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        double lr0 = learningRate.base(id);
        NDArray g = withL2(grad, weight);
        NDArray m = state.tensor(M, weight::zerosLike);
        NDArray v = state.tensor(V, weight::zerosLike);
        updateMoments(m, v, g);
        NDArray denom = v.sqrt().addi(eps);
        double stepSize = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        double fl = finalLr * lr / lr0;
        double lower = fl * (1 - 1 / (gamma * t + 1));
        double upper = fl * (1 + 1 / (gamma * t));
        NDArray eta = NDArrays.div(stepSize, denom).clip(lower, upper);
        weight.subi(eta.muli(m));
    }

    /** The batched form of R runs' AdaBound ({@link Batched}). */
    public static BatchedRule batched(List<AdaBound> runs) {
        return new Batched(runs);
    }

    /** The rule above for R runs at once, each with its own lr, lr₀, wd, β1, β2, ε, finalLr, γ and bounds. */
    static final class Batched extends BatchedMoments {
        private final double[] finalLr;
        private final double[] gamma;

        Batched(List<AdaBound> runs) {
            super(runs);
            finalLr = runs.stream().mapToDouble(AdaBound::finalLr).toArray();
            gamma = runs.stream().mapToDouble(AdaBound::gamma).toArray();
        }

        @Override
        protected void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            double[] lr0 = baseLearningRates(id);
            NDArray g = withL2(grad, weight);
            NDArray m = state.tensor(M, weight::zerosLike);
            NDArray v = state.tensor(V, weight::zerosLike);
            updateMoments(m, v, g);
            NDArray denom = v.sqrt().addi(constants.of(eps, weight));
            double[] stepSize = new double[runs];
            double[] lower = new double[runs];
            double[] upper = new double[runs];
            for (int r = 0; r < runs; r++) {
                stepSize[r] = lr[r] * Math.sqrt(1 - Math.pow(beta2[r], t[r])) / (1 - Math.pow(beta1[r], t[r]));
                double fl = finalLr[r] * lr[r] / lr0[r];
                lower[r] = fl * (1 - 1 / (gamma[r] * t[r] + 1));
                upper[r] = fl * (1 + 1 / (gamma[r] * t[r]));
            }
            NDArray eta = column(stepSize, weight).div(denom).maximum(column(lower, weight))
                    .minimum(column(upper, weight));
            weight.subi(eta.muli(m));
        }
    }

    /** Builder of {@link AdaBound}. */
    public static final class Builder extends MomentBuilder<Builder> {
        double finalLr = 0.1;
        double gamma = 1e-3;

        Builder() {
            super(1e-3, 0, 0.999, 1e-8);
        }

        /** Final (SGD) learning rate ∈ (0, ∞). */
        public Builder optFinalLr(double finalLr) {
            this.finalLr = Check.positive("finalLr", finalLr);
            return this;
        }

        /** Convergence speed of the bounds γ ∈ (0, 1). */
        public Builder optGamma(double gamma) {
            Check.that(gamma > 0 && gamma < 1, "gamma", gamma, "(0, 1)");
            this.gamma = gamma;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public AdaBound build() {
            return new AdaBound(this);
        }
    }
}
