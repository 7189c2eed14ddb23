package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedBase;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Tensors;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay (torch.optim.SGD semantics).
 *
 * <pre>
 * g ← g + wd·θ
 * if μ ≠ 0:  b ← g at the first step, else b ← μ·b + (1 − dampening)·g
 *            g ← g + μ·b  if nesterov,  else g ← b
 * θ ← θ − lr·g
 * </pre>
 * Defaults: lr 0.01, μ 0, dampening 0, nesterov false, wd 0. Nesterov requires μ &gt; 0 and dampening = 0.
 */
public class Sgd extends BaseOptimizer {

    static final String MOMENTUM = "momentum";

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    protected Sgd(Builder builder) {
        super(builder);
        momentum = builder.momentum;
        dampening = builder.dampening;
        nesterov = builder.nesterov;
    }

    /** A builder with torch.optim defaults (lr 0.01). */
    public static Builder builder() {
        return new Builder();
    }

    /** Momentum μ. */
    public double momentum() {
        return momentum;
    }

    /** Dampening of the momentum buffer. */
    public double dampening() {
        return dampening;
    }

    /** Whether the momentum is Nesterov's. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        NDArray g = withL2(grad, weight);
        if (momentum != 0) {
            NDArray b = state.tensor(MOMENTUM);
            if (b == null) {
                b = g.duplicate();
                state.putTensor(MOMENTUM, b);
            } else {
                b.muli(momentum).addi(dampening == 0 ? g : g.mul(1 - dampening));
            }
            g = nesterov ? g.add(b.mul(momentum)) : b;
        }
        weight.subi(g.mul(lr));
    }

    @Override
    protected List<String> momentumBufferNames() {
        return momentum != 0 ? List.of(MOMENTUM) : List.of();
    }

    /** The batched form of R runs' SGD ({@link Batched}). */
    public static BatchedRule batched(List<Sgd> runs) {
        return new Batched(runs);
    }

    /**
     * The rule above for R runs at once, each with its own lr, wd, μ, dampening and Nesterov flag (per-run masks:
     * the runs with μ = 0 step on g, the Nesterov ones on g + μ·b); b ← g at each run's first step.
     */
    static final class Batched extends BatchedBase {
        private final double[] momentum;
        private final double[] keep;
        private final boolean[] hasMomentum;
        private final boolean[] nesterov;
        private final boolean anyMomentum;
        private final boolean anyNesterov;
        private final boolean allMomentum;

        Batched(List<Sgd> runs) {
            super(runs);
            momentum = runs.stream().mapToDouble(Sgd::momentum).toArray();
            keep = runs.stream().mapToDouble(o -> 1 - o.dampening).toArray();
            hasMomentum = new boolean[runs.size()];
            nesterov = new boolean[runs.size()];
            for (int r = 0; r < hasMomentum.length; r++) {
                hasMomentum[r] = runs.get(r).momentum != 0;
                nesterov[r] = runs.get(r).nesterov;
            }
            anyMomentum = Runs.any(hasMomentum);
            allMomentum = Runs.all(hasMomentum);
            anyNesterov = Runs.any(nesterov);
        }

        @Override
        protected void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            NDArray g = withL2(grad, weight);
            if (anyMomentum) {
                NDArray mu = constants.of(momentum, weight);
                NDArray b = state.tensor(MOMENTUM, weight::zerosLike);
                boolean[] first = new boolean[t.length];
                for (int r = 0; r < t.length; r++) {
                    first[r] = t[r] == 1;
                }
                NDArray next = b.mul(mu).addi(g.mul(constants.of(keep, weight)));
                Tensors.copyInto(
                        Runs.any(first) ? Runs.where(mask(first, weight), g, next) : next, b);
                NDArray stepped = b;
                if (anyNesterov) {
                    stepped = Runs.where(constants.mask(nesterov, weight), g.add(b.mul(mu)), b);
                }
                g = allMomentum ? stepped : Runs.where(constants.mask(hasMomentum, weight), stepped, g);
            }
            weight.subi(g.mul(column(lr, weight)));
        }

        @Override
        protected List<String> momentumBufferNames() {
            return anyMomentum ? List.of(MOMENTUM) : List.of();
        }
    }

    /** Builder of {@link Sgd}. */
    public static final class Builder extends BaseBuilder<Builder> {
        double momentum;
        double dampening;
        boolean nesterov;

        Builder() {
            super(0.01, 0);
        }

        /** Momentum μ ∈ [0, 1). */
        public Builder optMomentum(double momentum) {
            this.momentum = Check.halfOpenUnit("momentum", momentum);
            return this;
        }

        /** Dampening ∈ [0, 1]. */
        public Builder optDampening(double dampening) {
            this.dampening = Check.closedUnit("dampening", dampening);
            return this;
        }

        /** Nesterov momentum (requires momentum &gt; 0 and dampening = 0). */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Validates the combination and builds. */
        public Sgd build() {
            if (nesterov) {
                Check.that(momentum > 0, "momentum", momentum, "(0, 1) when nesterov = true");
                Check.that(dampening == 0, "dampening", dampening, "0 when nesterov = true");
            }
            return new Sgd(this);
        }
    }
}
