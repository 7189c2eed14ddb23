package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import org.lookaheadlab.optim.state.ParamState;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;
import org.lookaheadlab.optim.state.Tensors;

/**
 * NovoGrad with one second moment per parameter tensor (optax.novograd semantics; Ginsburg et al. 2019).
 *
 * <pre>
 * n = ‖g‖₂² (sum over the tensor)
 * t = 1:  v ← n;                     t &gt; 1:  v ← β2·v + (1−β2)·n
 * m ← β1·m + g/(√v + ε) + wd·θ      (m = 0 before step 1; no (1−β1) factor)
 * θ ← θ − lr·m
 * </pre>
 * Defaults: lr 1e-3, β1 0.9, β2 0.25, ε 1e-6, wd 0 (optax's defaults).
 */
public class NovoGrad extends MomentOptimizer {

    protected NovoGrad(Builder builder) {
        super(builder);
    }

    /** A builder with optax defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        NDArray n = grad.square().sum();
        NDArray v = state.tensor(V);
        if (v == null) {
            v = n;
            state.putTensor(V, v);
        } else {
            v.muli(beta2).addi(n.muli(1 - beta2));
        }
        NDArray update = grad.div(v.sqrt().addi(eps));
        if (weightDecay != 0) {
            update.addi(weight.mul(weightDecay));
        }
        NDArray m = state.tensor(M, weight::zerosLike);
        m.muli(beta1).addi(update);
        weight.subi(m.mul(lr));
    }

    /** The batched form of R runs' NovoGrad ({@link Batched}). */
    public static BatchedRule batched(List<NovoGrad> runs) {
        return new Batched(runs);
    }

    /**
     * The rule above for R runs at once: n is each run's ‖g‖₂² (a sum over every axis but the run axis), v one
     * value per run (a column), v ← n at each run's first step.
     */
    static final class Batched extends BatchedMoments {
        Batched(List<NovoGrad> runs) {
            super(runs);
        }

        @Override
        protected void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            NDArray n = Runs.perRunSum(grad.square());
            NDArray v = state.tensor(V, n::zerosLike);
            boolean[] first = new boolean[runs];
            for (int r = 0; r < runs; r++) {
                first[r] = t[r] == 1;
            }
            NDArray decayed = v.mul(constants.of(beta2, v)).addi(n.mul(constants.of(oneMinusBeta2, v)));
            Tensors.copyInto(Runs.any(first) ? Runs.where(mask(first, v), n, decayed) : decayed, v);
            NDArray update = grad.div(v.sqrt().addi(constants.of(eps, v)));
            if (!Runs.allEqual(weightDecay, 0)) {
                update.addi(weight.mul(constants.of(weightDecay, weight)));
            }
            NDArray m = state.tensor(M, weight::zerosLike);
            m.muli(constants.of(beta1, m)).addi(update);
            weight.subi(m.mul(column(lr, weight)));
        }
    }

    /** Builder of {@link NovoGrad}. */
    public static final class Builder extends MomentBuilder<Builder> {
        Builder() {
            super(1e-3, 0, 0.25, 1e-6);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public NovoGrad build() {
            return new NovoGrad(this);
        }
    }
}
