package org.lookaheadlab.optim.wrap;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Tensors;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.Runs;

/**
 * Stochastic weight averaging / Polyak–Ruppert averaging over any DJL optimizer (torch.optim.swa_utils.AveragedModel
 * with equal weights; Izmailov et al. 2018), evaluated instead of the weights
 * ({@link org.lookaheadlab.optim.EvaluationWeights}); the training weights are the inner optimizer's, untouched:
 * <pre>
 * every step:                          θ ← inner step(θ)
 * after step t = start:                a ← copy(θ);  n ← 1
 * after steps start + every, + 2·every, …:  a ← a + (θ − a)/(n + 1);  n ← n + 1
 * evaluation weights:                  a once it exists, θ before
 * </pre>
 * start = 1, every = 1 (the defaults) is the Polyak–Ruppert average of the whole trajectory. torch's SWA also
 * changes the learning rate (SWALR): that is a schedule of the inner optimizer, not part of the average. A model
 * with batch-norm layers needs its running statistics recomputed on the average before it is evaluated (torch
 * {@code update_bn}); that is the trainer's job.
 *
 * <p>Kept as the sum s = n·a of the averaged weights, so that an update is one in-place engine call, s ← s + θ (the
 * same value as the rule above, rounded differently; the running mean accumulates the same rounding error as the
 * sum), and a = s/n is written out when read or swapped in. The state saved is s (tensor {@code sum}) with the step
 * count and n.
 */
public class Swa extends AbstractAverage {

    static final String SUM = "sum";

    protected Swa(Builder builder) {
        super(builder);
    }

    /** A builder with start = 1, every = 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** s ← copy(θ). */
    @Override
    protected void first(ParamState state, NDArray weight) {
        state.putTensor(SUM, weight.duplicate());
    }

    /** s ← s + θ. */
    @Override
    protected void fold(ParamState state, NDArray weight, long n) {
        state.tensor(SUM).addi(weight);
    }

    /** target ← s / n. */
    @Override
    protected void writeAverage(ParamState state, long n, NDArray target) {
        Tensors.copyInto(state.tensor(SUM), target);
        if (n != 1) {
            target.divi((double) n);
        }
    }

    /** The batched form of R runs' SWA around their batched inner rule. */
    public static BatchedRule batched(List<Swa> runs, BatchedRule inner) {
        return new BatchedAverage(runs, inner) {
            /** s ← θ. */
            @Override
            NDArray first(NDArray weight) {
                return weight.duplicate();
            }

            /** s ← s + θ. */
            @Override
            NDArray fold(NDArray kept, NDArray weight, long[] n) {
                return kept.add(weight);
            }

            /** a = s / n (n_r = 0 divides by 1: those runs are not read). */
            @Override
            NDArray average(NDArray kept, long[] n, NDArray like) {
                double[] count = new double[n.length];
                for (int r = 0; r < n.length; r++) {
                    count[r] = Math.max(1, n[r]);
                }
                return kept.div(Runs.column(count, kept));
            }
        };
    }

    /** Builder of {@link Swa}. */
    public static final class Builder extends AverageBuilder<Builder> {
        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public Swa build() {
            return new Swa(this);
        }
    }
}
