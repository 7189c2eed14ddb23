package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.batched.BatchedBase;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;

/**
 * Adagrad (torch.optim.Adagrad semantics; Duchi et al. 2011).
 *
 * <pre>
 * clr = lr / (1 + (t−1)·lrDecay);   g ← g + wd·θ;   s ← s + g²   (s starts at initialAccumulator)
 * θ ← θ − clr · g / (√s + ε)
 * </pre>
 * Defaults: lr 0.01, ε 1e-10, wd 0, lrDecay 0, initialAccumulator 0. No momentum buffer.
 */
public class Adagrad extends BaseOptimizer {

    static final String SUM = "sum";

    private final double eps;
    private final double lrDecay;
    private final double initialAccumulator;

    protected Adagrad(Builder builder) {
        super(builder);
        eps = builder.eps;
        lrDecay = builder.lrDecay;
        initialAccumulator = builder.initialAccumulator;
    }

    /** A builder with torch.optim defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** ε of the denominator. */
    public double eps() {
        return eps;
    }

    /** Learning-rate decay. */
    public double lrDecay() {
        return lrDecay;
    }

    /** Initial accumulator value. */
    public double initialAccumulator() {
        return initialAccumulator;
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        double clr = lr / (1 + (t - 1) * lrDecay);
        NDArray g = withL2(grad, weight);
        NDArray s = state.tensor(SUM, () -> weight.zerosLike().addi(initialAccumulator));
        s.addi(g.square());
        weight.subi(g.div(s.sqrt().addi(eps)).muli(clr));
    }

    @Override
    protected List<String> momentumBufferNames() {
        return List.of();
    }

    /** The batched form of R runs' Adagrad ({@link Batched}). */
    public static BatchedRule batched(List<Adagrad> runs) {
        return new Batched(runs);
    }

    /** The rule above for R runs at once, each with its own lr, wd, ε, lrDecay and initial accumulator. */
    static final class Batched extends BatchedBase {
        private final double[] eps;
        private final double[] lrDecay;
        private final double[] initialAccumulator;

        Batched(List<Adagrad> runs) {
            super(runs);
            eps = runs.stream().mapToDouble(Adagrad::eps).toArray();
            lrDecay = runs.stream().mapToDouble(Adagrad::lrDecay).toArray();
            initialAccumulator = runs.stream().mapToDouble(Adagrad::initialAccumulator).toArray();
        }

        @Override
        protected void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            double[] clr = new double[runs];
            for (int r = 0; r < runs; r++) {
                clr[r] = lr[r] / (1 + (t[r] - 1) * lrDecay[r]);
            }
            NDArray g = withL2(grad, weight);
            NDArray s = state.tensor(SUM, () -> weight.zerosLike().addi(constants.of(initialAccumulator, weight)));
            s.addi(g.square());
            weight.subi(g.div(s.sqrt().addi(constants.of(eps, weight))).muli(column(clr, weight)));
        }

        @Override
        protected List<String> momentumBufferNames() {
            return List.of();
        }
    }

    /** Builder of {@link Adagrad}. */
    public static final class Builder extends BaseBuilder<Builder> {
        double eps = 1e-10;
        double lrDecay;
        double initialAccumulator;

        Builder() {
            super(0.01, 0);
        }

        /** ε ∈ [0, ∞). */
        public Builder optEpsilon(double eps) {
            this.eps = Check.nonNegative("eps", eps);
            return this;
        }

        /** Learning-rate decay ∈ [0, ∞). */
        public Builder optLrDecay(double lrDecay) {
            this.lrDecay = Check.nonNegative("lrDecay", lrDecay);
            return this;
        }

        /** Initial accumulator value ∈ [0, ∞). */
        public Builder optInitialAccumulator(double value) {
            this.initialAccumulator = Check.nonNegative("initialAccumulator", value);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public Adagrad build() {
            return new Adagrad(this);
        }
    }
}
