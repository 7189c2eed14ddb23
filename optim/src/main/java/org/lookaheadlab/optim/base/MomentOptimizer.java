package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedBase;
import org.lookaheadlab.optim.batched.Constants;

/**
 * Base of the optimizers configured by β1, β2 and ε ({@link MomentBuilder}): the Adam family, AdaBound and
 * NovoGrad. Their first moment m (state name {@code "m"}) is the momentum-like buffer; the Adam-style moment update
 * is {@link #updateMoments}.
 */
public abstract class MomentOptimizer extends BaseOptimizer {

    static final String M = "m";
    static final String V = "v";

    protected final double beta1;
    protected final double beta2;
    protected final double eps;

    protected MomentOptimizer(MomentBuilder<?> builder) {
        super(builder);
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        eps = builder.eps;
    }

    /** β1, the first-moment decay. */
    public double beta1() {
        return beta1;
    }

    /** β2, the second-moment decay. */
    public double beta2() {
        return beta2;
    }

    /** ε of the denominator. */
    public double eps() {
        return eps;
    }

    /** In place: m ← β1·m + (1−β1)·g;   v ← β2·v + (1−β2)·g². */
    protected final void updateMoments(NDArray m, NDArray v, NDArray g) {
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.square().muli(1 - beta2));
    }

    @Override
    protected List<String> momentumBufferNames() {
        return List.of(M);
    }

    /** What the batched forms of the moment optimizers share: each run's β1, β2 and ε, and the moment update. */
    abstract static class BatchedMoments extends BatchedBase {
        final double[] beta1;
        final double[] oneMinusBeta1;
        final double[] beta2;
        final double[] oneMinusBeta2;
        final double[] eps;

        BatchedMoments(List<? extends MomentOptimizer> runs) {
            super(runs);
            beta1 = runs.stream().mapToDouble(MomentOptimizer::beta1).toArray();
            oneMinusBeta1 = runs.stream().mapToDouble(o -> 1 - o.beta1).toArray();
            beta2 = runs.stream().mapToDouble(MomentOptimizer::beta2).toArray();
            oneMinusBeta2 = runs.stream().mapToDouble(o -> 1 - o.beta2).toArray();
            eps = runs.stream().mapToDouble(MomentOptimizer::eps).toArray();
        }

        /** {@link MomentOptimizer#updateMoments} with each run's β1, β2. */
        final void updateMoments(NDArray m, NDArray v, NDArray g) {
            Constants c = constants;
            m.muli(c.of(beta1, m)).addi(g.mul(c.of(oneMinusBeta1, m)));
            v.muli(c.of(beta2, v)).addi(g.square().muli(c.of(oneMinusBeta2, v)));
        }

        @Override
        protected List<String> momentumBufferNames() {
            return List.of(M);
        }
    }
}
