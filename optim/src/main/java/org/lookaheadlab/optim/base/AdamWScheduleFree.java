package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Scalars;
import org.lookaheadlab.optim.state.Tensors;
import org.lookaheadlab.optim.state.VariableScalar;

/**
 * Schedule-free AdamW (the authors' {@code AdamWScheduleFree}): the step of {@link AbstractScheduleFree} with
 * β = β1 and the direction
 * <pre>
 * v ← β2·v + (1 − β2)·g²;   denom = √(v / (1 − β2^(k+1))) + ε;   u = g / denom + wd·y
 * y ← y + c·(z − y);   y ← y + lr_t·(β1(1 − c) − 1)·u;   z ← z − lr_t·u
 * evaluation weights:  x = y + (1 − 1/β1)·(z − y)
 * </pre>
 * (weight decay at y, outside the denominator, as the authors do). Defaults (the authors'): lr 0.0025, β1 0.9,
 * β2 0.999, ε 1e-8, wd 0, warmupSteps 0, r 0, weightLrPower 2. β1 ∈ (0, 1] (x divides by it), β2 ∈ [0, 1).
 */
public class AdamWScheduleFree extends AbstractScheduleFree {

    private final double beta2;
    private final double eps;
    private final Scalars beta2Scalar;
    private final Scalars oneMinusBeta2;
    private final Scalars half = new Scalars(0.5);
    private final Scalars epsScalar;
    private final VariableScalar biasCorrection2 = new VariableScalar();

    protected AdamWScheduleFree(Builder builder) {
        super(builder);
        beta2 = builder.beta2;
        eps = builder.eps;
        beta2Scalar = new Scalars(beta2);
        oneMinusBeta2 = new Scalars(1 - beta2);
        epsScalar = new Scalars(eps);
    }

    /** A builder with the authors' defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** β1, the interpolation between z and x. */
    public double beta1() {
        return beta;
    }

    /** β2, the second-moment decay. */
    public double beta2() {
        return beta2;
    }

    /** ε of the denominator. */
    public double eps() {
        return eps;
    }

    /** u = g / (√(v / (1 − β2^t)) + ε) + wd·y, after v ← β2·v + (1 − β2)·g² (state name {@code v}). */
    @Override
    protected void direction(ParamState state, long t, NDArray weight, NDArray grad, NDArray u, NDArray scratch) {
        NDArray v = state.tensor(MomentOptimizer.V, weight::zerosLike);
        Tensors.copyInto(grad, u);
        u.muli(grad).muli(oneMinusBeta2.on(u)); // (1 − β2)·g²
        v.muli(beta2Scalar.on(v)).addi(u);
        Tensors.copyInto(v, scratch);
        scratch.divi(biasCorrection2.on(scratch, 1 - Math.pow(beta2, t))).powi(half.on(scratch))
                .addi(epsScalar.on(scratch)); // denom
        Tensors.copyInto(grad, u);
        u.divi(scratch);
        addWeightDecay(u, weight);
    }

    @Override
    public void close() {
        beta2Scalar.close();
        oneMinusBeta2.close();
        half.close();
        epsScalar.close();
        biasCorrection2.close();
        super.close();
    }

    /** Builder of {@link AdamWScheduleFree}. */
    public static final class Builder extends ScheduleFreeBuilder<Builder> {
        double beta2 = 0.999;
        double eps = 1e-8;

        Builder() {
            super(0.0025);
        }

        /** β1 ∈ (0, 1] (interpolation between z and x; x divides by it). */
        public Builder optBeta1(double beta1) {
            setBeta("beta1", beta1);
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
        public AdamWScheduleFree build() {
            return new AdamWScheduleFree(this);
        }
    }
}
