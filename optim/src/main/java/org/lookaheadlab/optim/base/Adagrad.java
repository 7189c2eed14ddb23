package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;

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
