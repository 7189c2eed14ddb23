package org.lookaheadlab.optim.base;

/**
 * Settings of the Adam family (β1, β2, ε from {@link MomentBuilder}, AMSGrad).
 *
 * @param <T> the concrete builder
 */
public abstract class AdamBuilder<T extends AdamBuilder<T>> extends MomentBuilder<T> {
    boolean amsgrad;

    protected AdamBuilder(double defaultLr, double defaultWeightDecay) {
        super(defaultLr, defaultWeightDecay, 0.999, 1e-8);
    }

    /** AMSGrad: use the running maximum of v. */
    public T optAmsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return self();
    }

    /** For optimizers with no AMSGrad variant: refuses {@code amsgrad = true}, naming {@code owner}. */
    protected void requireNoAmsgrad(String owner) {
        if (amsgrad) {
            throw new IllegalArgumentException("amsgrad = true is out of range; accepted: false (" + owner + ")");
        }
    }
}
