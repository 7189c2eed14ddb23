package org.lookaheadlab.lab.model;

import ai.djl.training.loss.Loss;

/**
 * A model trained on its own loss instead of softmax cross-entropy (e.g. the NQM's quadratic); such a model has no
 * classes, so the trainer reports its accuracy as NaN.
 */
public interface OwnLoss {

    /** The training and evaluation loss: labels first, model outputs second, as DJL's {@link Loss}. */
    Loss loss();
}
