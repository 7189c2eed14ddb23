package org.lookaheadlab.optim.base;

import org.lookaheadlab.optim.state.Check;

/**
 * Settings of the optimizers with first and second moment decays and a denominator ε (β1, β2, ε): the Adam family,
 * AdaBound and NovoGrad. Each optimizer passes its own defaults.
 *
 * @param <T> the concrete builder
 */
public abstract class MomentBuilder<T extends MomentBuilder<T>> extends BaseBuilder<T> {
    double beta1;
    double beta2;
    double eps;

    /**
     * @param defaultLr the optimizer's default learning rate
     * @param defaultWeightDecay the optimizer's default weight decay
     * @param defaultBeta2 the optimizer's default β2 (β1 defaults to 0.9)
     * @param defaultEps the optimizer's default ε
     */
    protected MomentBuilder(double defaultLr, double defaultWeightDecay, double defaultBeta2, double defaultEps) {
        super(defaultLr, defaultWeightDecay);
        beta1 = 0.9;
        beta2 = defaultBeta2;
        eps = defaultEps;
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
}
