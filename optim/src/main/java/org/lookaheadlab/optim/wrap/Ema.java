package org.lookaheadlab.optim.wrap;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Scalars;
import org.lookaheadlab.optim.state.Tensors;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;

/**
 * An exponential moving average of the weights over any DJL optimizer (torch.optim.swa_utils.AveragedModel with
 * {@code get_ema_multi_avg_fn(decay)}), evaluated instead of them ({@link org.lookaheadlab.optim.EvaluationWeights});
 * the training weights are the inner optimizer's, untouched:
 * <pre>
 * every step:                          θ ← inner step(θ)
 * after step t = start:                a ← copy(θ)
 * after steps start + every, + 2·every, …:  a ← a + (1 − d)(θ − a)
 * evaluation weights:                  a once it exists, θ before
 * </pre>
 * 0 ≤ d &lt; 1; d = 0 makes a = θ at each update. Defaults d = 0.999 (torch's), start = 1, every = 1.
 *
 * <p>Kept as b = a / (1 − d), so that an update is two in-place engine calls, b ← d·b + θ (the same value as the
 * rule above, rounded differently; exact for d = 0), and a = (1 − d)·b is written out when read or swapped in.
 * The state saved is b (tensor {@code emaScaled}) with the step and update counts.
 */
public class Ema extends AbstractAverage {

    static final String SCALED = "emaScaled";

    private final double decay;
    private final Scalars decayScalar;

    protected Ema(Builder builder) {
        super(builder);
        decay = builder.decay;
        decayScalar = new Scalars(decay);
    }

    /** A builder with d = 0.999, start = 1, every = 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** The decay d. */
    public double decay() {
        return decay;
    }

    /** b ← θ / (1 − d). */
    @Override
    protected void first(ParamState state, NDArray weight) {
        state.putTensor(SCALED, decay == 0 ? weight.duplicate() : weight.div(1 - decay));
    }

    /** b ← d·b + θ. */
    @Override
    protected void fold(ParamState state, NDArray weight, long n) {
        NDArray scaled = state.tensor(SCALED);
        scaled.muli(decayScalar.on(scaled)).addi(weight);
    }

    /** target ← (1 − d)·b. */
    @Override
    protected void writeAverage(ParamState state, long n, NDArray target) {
        Tensors.copyInto(state.tensor(SCALED), target);
        if (decay != 0) {
            target.muli(1 - decay);
        }
    }

    @Override
    public void close() {
        decayScalar.close();
        super.close();
    }

    /** The batched form of R runs' EMA around their batched inner rule. */
    public static BatchedRule batched(List<Ema> runs, BatchedRule inner) {
        double[] decay = runs.stream().mapToDouble(Ema::decay).toArray();
        double[] scale = runs.stream().mapToDouble(o -> 1 - o.decay).toArray();
        return new BatchedAverage(runs, inner) {
            /** b ← θ / (1 − d). */
            @Override
            NDArray first(NDArray weight) {
                return weight.div(constants.of(scale, weight));
            }

            /** b ← d·b + θ. */
            @Override
            NDArray fold(NDArray kept, NDArray weight, long[] n) {
                return kept.mul(constants.of(decay, kept)).addi(weight);
            }

            /** a = (1 − d)·b. */
            @Override
            NDArray average(NDArray kept, long[] n, NDArray like) {
                return kept.mul(constants.of(scale, kept));
            }
        };
    }

    /** Builder of {@link Ema}. */
    public static final class Builder extends AverageBuilder<Builder> {
        double decay = 0.999;

        Builder() {}

        /** Decay d ∈ [0, 1). */
        public Builder optDecay(double decay) {
            this.decay = Check.halfOpenUnit("decay", decay);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public Ema build() {
            return new Ema(this);
        }
    }
}
