package org.lookaheadlab.optim.base;

import org.lookaheadlab.optim.state.Check;

/**
 * Settings of the Adam family (β1, β2, ε, AMSGrad).
 *
 * @param <T> the concrete builder
 */
public abstract class AdamBuilder<T extends AdamBuilder<T>> extends BaseBuilder<T> {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    boolean amsgrad;

    protected AdamBuilder(double defaultLr, double defaultWeightDecay) {
        super(defaultLr, defaultWeightDecay);
    }

    /** β1 ∈ [0, 1). */
    public T optBeta1(double beta1) {
        this.beta1 = Check.halfOpenUnit("beta1", beta1);
        return self();
    }

    /** β2 ∈ [0, 1). */
    public T optBeta2(double beta2) {
        this.beta2 = Check.halfOpenUnit("beta2", beta2);
        return self();
    }

    /** ε ∈ [0, ∞). */
    public T optEpsilon(double eps) {
        this.eps = Check.nonNegative("eps", eps);
        return self();
    }

    /** AMSGrad: use the running maximum of v. */
    public T optAmsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return self();
    }
}
