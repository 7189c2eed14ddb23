package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Tensors;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;

/**
 * Schedule-free SGD (the authors' {@code SGDScheduleFree}): the step of {@link AbstractScheduleFree} with the
 * direction u = g + wd·y and β = momentum:
 * <pre>
 * y ← y + c·(z − y);   y ← y + lr_t·(β(1 − c) − 1)·(g + wd·y);   z ← z − lr_t·(g + wd·y)
 * evaluation weights:  x = y + (1 − 1/β)·(z − y)        (β = 1: x = y, plain SGD on y = z)
 * </pre>
 * Defaults (the authors'): lr 1.0, momentum 0.9, wd 0, warmupSteps 0, r 0, weightLrPower 2. momentum ∈ (0, 1].
 */
public class SgdScheduleFree extends AbstractScheduleFree {

    protected SgdScheduleFree(Builder builder) {
        super(builder);
    }

    /** A builder with the authors' defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The momentum β. */
    public double momentum() {
        return beta;
    }

    @Override
    protected void direction(ParamState state, long t, NDArray weight, NDArray grad, NDArray u, NDArray scratch) {
        Tensors.copyInto(grad, u);
        addWeightDecay(u, weight);
    }

    /** The batched form of R runs' schedule-free SGD ({@link AbstractScheduleFree.Batched}, u = g + wd·y). */
    public static BatchedRule batched(List<SgdScheduleFree> runs) {
        return new Batched(runs) {
            @Override
            NDArray direction(RunState state, long[] t, NDArray weight, NDArray grad) {
                return withWeightDecay(grad.duplicate(), weight);
            }
        };
    }

    /** Builder of {@link SgdScheduleFree}. */
    public static final class Builder extends ScheduleFreeBuilder<Builder> {
        Builder() {
            super(1.0);
        }

        /** Momentum β ∈ (0, 1] (interpolation between z and x; x divides by it). */
        public Builder optMomentum(double momentum) {
            setBeta("momentum", momentum);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public SgdScheduleFree build() {
            return new SgdScheduleFree(this);
        }
    }
}
