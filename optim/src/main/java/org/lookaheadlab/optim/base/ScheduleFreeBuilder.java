package org.lookaheadlab.optim.base;

import org.lookaheadlab.optim.state.Check;

/**
 * Settings shared by the schedule-free base optimizers ({@link AbstractScheduleFree}): the momentum β (interpolation
 * between z and x; SGD calls it momentum, AdamW β1), warm-up steps, and the averaging weight's exponents r and
 * weightLrPower. Each optimizer passes its own default lr; the other defaults are the schedule-free authors'.
 *
 * @param <T> the concrete builder
 */
public abstract class ScheduleFreeBuilder<T extends ScheduleFreeBuilder<T>> extends BaseBuilder<T> {
    double beta = 0.9;
    int warmupSteps;
    double r;
    double weightLrPower = 2;

    /** @param defaultLr the optimizer's default learning rate (weight decay defaults to 0) */
    protected ScheduleFreeBuilder(double defaultLr) {
        super(defaultLr, 0);
    }

    /** β ∈ (0, 1] under the optimizer's name for it ({@code momentum}, {@code beta1}): x divides by it. */
    protected void setBeta(String field, double beta) {
        Check.that(beta > 0 && beta <= 1, field, beta, "(0, 1]");
        this.beta = beta;
    }

    /** Linear warm-up of the learning rate over the first warmupSteps steps, warmupSteps ∈ [0, ∞) (0: none). */
    public T optWarmupSteps(int warmupSteps) {
        this.warmupSteps = Check.atLeast("warmupSteps", warmupSteps, 0);
        return self();
    }

    /** Exponent r of the step in the averaging weight (k+1)^r · lr_max^weightLrPower, r ∈ [0, ∞). */
    public T optR(double r) {
        this.r = Check.nonNegative("r", r);
        return self();
    }

    /** Exponent of the largest learning rate so far in the averaging weight, weightLrPower ∈ [0, ∞). */
    public T optWeightLrPower(double weightLrPower) {
        this.weightLrPower = Check.nonNegative("weightLrPower", weightLrPower);
        return self();
    }
}
