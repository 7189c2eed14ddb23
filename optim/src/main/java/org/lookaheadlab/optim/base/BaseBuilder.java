package org.lookaheadlab.optim.base;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import org.lookaheadlab.optim.state.Check;

/**
 * Settings shared by all our base optimizers: learning rate (fixed double or DJL tracker) and weight decay, on top
 * of DJL's {@code setRescaleGrad} and {@code optClipGrad} (our clipping is symmetric: g ← clamp(g, −c, c)).
 *
 * @param <T> the concrete builder
 */
public abstract class BaseBuilder<T extends BaseBuilder<T>> extends Optimizer.OptimizerBuilder<T> {

    LearningRate learningRate;
    double weightDecay;

    /**
     * @param defaultLr the optimizer's default learning rate
     * @param defaultWeightDecay the optimizer's default weight decay
     */
    protected BaseBuilder(double defaultLr, double defaultWeightDecay) {
        learningRate = LearningRate.fixed(defaultLr);
        weightDecay = defaultWeightDecay;
    }

    /** Fixed learning rate, lr ∈ (0, ∞). */
    public T optLearningRate(double lr) {
        Check.positive("lr", lr);
        learningRate = LearningRate.fixed(lr);
        return self();
    }

    /** Learning rate from a DJL tracker, asked with the parameter's own step count. */
    public T optLearningRateTracker(ParameterTracker tracker) {
        if (tracker == null) {
            throw new IllegalArgumentException("learningRateTracker = null is out of range; accepted: a tracker");
        }
        learningRate = LearningRate.tracked(tracker);
        return self();
    }

    /** Weight decay (L2 or decoupled, as the optimizer documents), weightDecay ∈ [0, ∞). */
    public T optWeightDecay(double weightDecay) {
        this.weightDecay = Check.nonNegative("weightDecay", weightDecay);
        return self();
    }

    /** Checks DJL's own settings (rescaleGrad, clipGrad) too; called by {@code build()}. */
    protected void validateCommon() {
        // DJL's builder has no getters; values are checked when the optimizer is constructed.
    }
}
