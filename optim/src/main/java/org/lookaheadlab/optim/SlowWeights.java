package org.lookaheadlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import java.util.Optional;

/**
 * The older name of {@link EvaluationWeights}, kept for its callers: Lookahead's and TrajectoryLookahead's slow
 * weights are their evaluation weights, and {@link #find} answers for every optimizer that has evaluation weights
 * (an average, schedule-free's x), so that "evaluate on the slow weights" means "on the evaluation weights".
 */
public interface SlowWeights extends EvaluationWeights {

    /** {@link #swapIn()} under its older name. */
    default SlowWeightsSwap swapInSlowWeights() {
        Swap swap = swapIn();
        return swap::close;
    }

    /** {@link #evaluationWeight} under its older name. */
    default Optional<NDArray> slowWeight(String parameterId) {
        return evaluationWeight(parameterId);
    }

    /**
     * The outermost evaluation weights of {@code optimizer} ({@link EvaluationWeights#find}), as
     * {@link SlowWeights}.
     */
    static Optional<SlowWeights> find(Optimizer optimizer) {
        return EvaluationWeights.find(optimizer).map(SlowWeights::of);
    }

    /** {@code weights} itself if it is a {@link SlowWeights}, else a view of it under the older names. */
    static SlowWeights of(EvaluationWeights weights) {
        if (weights instanceof SlowWeights slow) {
            return slow;
        }
        return new SlowWeights() {
            @Override
            public Optional<NDArray> evaluationWeight(String parameterId) {
                return weights.evaluationWeight(parameterId);
            }

            @Override
            public Swap swapIn() {
                return weights.swapIn();
            }
        };
    }
}
