package org.lookaheadlab.optim.wrap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.WrappingOptimizer;
import org.lookaheadlab.optim.base.AbstractScheduleFree;
import org.lookaheadlab.optim.base.BaseOptimizer;
import org.lookaheadlab.optim.base.LearningRate;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.DerivedArrays;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Scalars;
import org.lookaheadlab.optim.state.StateStore;
import org.lookaheadlab.optim.state.Tensors;
import org.lookaheadlab.optim.state.VariableScalar;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.BatchedWrapper;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;

/**
 * Schedule-free optimization over any DJL optimizer (the authors' {@code ScheduleFreeWrapper}; Defazio et al.
 * 2024): the inner optimizer, with its own lr, momentum and state, makes the steps of the z sequence; this wrapper
 * keeps the average x and the model holds y = an interpolation of x and z, where the gradient is taken. Per tensor,
 * at its step t (k = t − 1), with β the momentum and lr the inner optimizer's learning rate at this step:
 * <pre>
 * first step:  z ← copy(θ);  lr_max ← 0;  W ← 0
 * if weightDecayAtY ≠ 0:  z ← z − lr·weightDecayAtY·y;  y ← y − lr·weightDecayAtY·(1 − β)·y
 * x ← y + (1 − 1/β)·(z − y)
 * z ← inner step(z, g)              (g taken at y; the inner state, e.g. Adam's moments, belongs to z)
 * lr_max ← max(lr_max, lr);  w = (k+1)^r · lr_max^weightLrPower;  W ← W + w;  c = w / W
 * x ← x + c·(z − x);   y ← x + (1 − β)·(z − x)
 * evaluation weights:  x = y + (1 − 1/β)·(z − y)
 * </pre>
 * The inner optimizer steps the model's own weight tensor, which holds z for the duration of its step (so that it
 * sees a live weight with its gradient, zeroes that gradient, and any wrapper inside it follows z), then y again.
 * The inner learning rate is read from the inner chain's base optimizer of ours
 * ({@link BaseOptimizer#nextLearningRate}; before any WeightTrajectoryLR scaling); for an inner optimizer that is
 * not ours it must be given ({@link Builder#optInnerLearningRate}) unless nothing uses it (weightDecayAtY = 0 and
 * weightLrPower = 0). Defaults (the authors'): β 0.9, weightDecayAtY 0, r 0, weightLrPower 2. β ∈ (0, 1].
 * The state (z, t, lr_max, W, and the inner optimizer's) is saved and restored exactly; the model holds y except
 * inside an {@link #swapIn()}.
 */
@SuppressWarnings("try") // NDScope is used for its close() only
public class ScheduleFree extends AbstractWrapper implements EvaluationWeights {

    static final String Z = AbstractScheduleFree.Z;
    static final String STEPS = "steps";

    private final double momentum;
    private final double weightDecayAtY;
    private final double r;
    private final double weightLrPower;
    /** The lr given for a foreign inner optimizer, or null to ask the inner chain's base optimizer. */
    private final LearningRate innerLr;
    private final BaseOptimizer innerBase;
    private final DerivedArrays evaluated = new DerivedArrays();
    private final Scalars momentumScalar;
    private final VariableScalar oneMinusC = new VariableScalar();

    /** The buffer for x of every (parameter, device) seen (not state: x is derived from y and z). */
    private final Map<StateStore.Key, NDArray> scratch = new HashMap<>();

    /** One (parameter, device) and its buffer for x. */
    static final class Point extends Slot {
        NDArray x;

        Point(StateStore.Key key, ParamState state) {
            super(key, state);
        }
    }

    protected ScheduleFree(Builder builder) {
        super(builder);
        momentum = builder.momentum;
        weightDecayAtY = builder.weightDecayAtY;
        r = builder.r;
        weightLrPower = builder.weightLrPower;
        innerLr = builder.innerLr;
        momentumScalar = new Scalars(momentum);
        innerBase = WrappingOptimizer.find(inner, BaseOptimizer.class).orElse(null);
        boolean lrUsed = weightDecayAtY != 0 || weightLrPower != 0;
        Check.that(!lrUsed || innerLr != null || innerBase != null, "innerLearningRate", "unset",
                "(0, ∞), required for an inner optimizer that is not ours (" + inner.getClass().getName()
                        + ") unless weightDecayAtY = 0 and weightLrPower = 0");
    }

    /** A builder with β = 0.9, weightDecayAtY = 0, r = 0, weightLrPower = 2. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    Slot newSlot(StateStore.Key key, ParamState state) {
        return new Point(key, state);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Point point = (Point) slot(parameterId, weight);
        ParamState state = point.state;
        long t = state.getLong(STEPS, 0) + 1;
        double lr = innerLearningRate(parameterId, weight, t);
        NDArray z = state.tensor(Z, weight::duplicate);
        if (point.x == null) {
            point.x = scratch.computeIfAbsent(point.key, k -> Tensors.keep(weight.zerosLike()));
        }
        NDArray x = point.x;
        if (weightDecayAtY != 0) {
            try (NDScope scope = new NDScope()) {
                z.subi(weight.mul(lr * weightDecayAtY));
                weight.subi(weight.mul(lr * weightDecayAtY * (1 - momentum)));
            }
        }
        Tensors.lerp(weight, z, 1 - 1 / momentum, x);
        Tensors.copyInto(z, weight); // the model's tensor holds z for the inner step
        inner.update(parameterId, weight, grad);
        Tensors.copyInto(weight, z);
        double c = AbstractScheduleFree.averagingWeight(state, t - 1, lr, r, weightLrPower, 0);
        x.subi(z).muli(oneMinusC.on(x, 1 - c)).addi(z); // x ← x + c(z − x)
        Tensors.copyInto(x, weight);
        weight.subi(z).muli(momentumScalar.on(weight)).addi(z); // y ← x + (1 − β)(z − x)
        state.setLong(STEPS, t);
    }

    private double innerLearningRate(String parameterId, NDArray weight, long t) {
        if (innerLr != null) {
            return innerLr.at(parameterId, t);
        }
        return innerBase == null ? Double.NaN : innerBase.nextLearningRate(parameterId, weight.getDevice());
    }

    /** β. */
    public double momentum() {
        return momentum;
    }

    /** Weight decay applied at y (to z and y) before each step. */
    public double weightDecayAtY() {
        return weightDecayAtY;
    }

    /** Exponent r of the averaging weight. */
    public double r() {
        return r;
    }

    /** Exponent of lr_max in the averaging weight. */
    public double weightLrPower() {
        return weightLrPower;
    }

    /** x = y + (1 − 1/β)(z − y) of a parameter (first device), or empty if it was never updated. */
    @Override
    public Optional<NDArray> evaluationWeight(String parameterId) {
        return AbstractScheduleFree.evaluationX(store, weights, evaluated, parameterId, STEPS, momentum);
    }

    /** Writes x into every seen parameter; the handle puts y back exactly. */
    @Override
    public Swap swapIn() {
        return AbstractScheduleFree.swapInX(store, weights, momentum);
    }

    @Override
    protected void onStateLoaded() {
        evaluated.clear();
    }

    @Override
    public void close() {
        scratch.values().forEach(NDArray::close);
        scratch.clear();
        evaluated.close();
        momentumScalar.close();
        oneMinusC.close();
        super.close();
    }

    /** The batched form of R runs' ScheduleFree around their batched inner rule. */
    public static BatchedRule batched(List<ScheduleFree> runs, BatchedRule inner) {
        return new Batched(runs, inner);
    }

    /**
     * The rule above for R runs at once, each with its own β, weightDecayAtY, r, weightLrPower, lr_max and W; lr_r
     * is each run's inner learning rate at this step (the inner chain's base rule).
     */
    static final class Batched extends BatchedWrapper {
        private final double[] momentum;
        private final double[] weightDecayAtY;
        private final double[] r;
        private final double[] weightLrPower;
        private final double[] evalFactor;
        private final boolean anyDecay;
        /** The buffer for x of every (parameter, device) seen (not state). */
        private final Map<StateStore.Key, NDArray> scratch = new HashMap<>();

        Batched(List<ScheduleFree> runs, BatchedRule inner) {
            super(inner);
            for (ScheduleFree o : runs) {
                Check.that(o.innerLr == null, "innerLearningRate", "set", "unset in a batched run (the inner lr is"
                        + " the inner chain's)");
            }
            momentum = runs.stream().mapToDouble(ScheduleFree::momentum).toArray();
            weightDecayAtY = runs.stream().mapToDouble(ScheduleFree::weightDecayAtY).toArray();
            r = runs.stream().mapToDouble(ScheduleFree::r).toArray();
            weightLrPower = runs.stream().mapToDouble(ScheduleFree::weightLrPower).toArray();
            evalFactor = runs.stream().mapToDouble(o -> 1 - 1 / o.momentum).toArray();
            anyDecay = !Runs.allEqual(weightDecayAtY, 0);
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            RunState state = state(parameterId, weight);
            long[] steps = state.longs(STEPS);
            double[] lr = inner.base().nextLearningRates(parameterId, weight.getDevice());
            NDArray z = state.tensor(Z, weight::duplicate);
            NDArray x = scratch.computeIfAbsent(new StateStore.Key(parameterId, weight.getDevice()),
                    k -> Tensors.keep(weight.zerosLike()));
            if (anyDecay) {
                double[] atZ = new double[runs];
                double[] atY = new double[runs];
                for (int i = 0; i < runs; i++) {
                    atZ[i] = lr[i] * weightDecayAtY[i];
                    atY[i] = lr[i] * weightDecayAtY[i] * (1 - momentum[i]);
                }
                z.subi(weight.mul(Runs.column(atZ, weight)));
                weight.subi(weight.mul(Runs.column(atY, weight)));
            }
            Tensors.copyInto(AbstractScheduleFree.evaluationX(weight, z, constants.of(evalFactor, weight)), x);
            Tensors.copyInto(z, weight); // the model's tensor holds z for the inner step
            inner.update(parameterId, weight, grad);
            Tensors.copyInto(weight, z);
            double[] lrMax = state.doubles(AbstractScheduleFree.LR_MAX_NAME, 0);
            double[] weightSum = state.doubles(AbstractScheduleFree.WEIGHT_SUM_NAME, 0);
            double[] oneMinusC = new double[runs];
            for (int i = 0; i < runs; i++) {
                double c = AbstractScheduleFree.averagingWeight(lrMax, weightSum, i, steps[i], lr[i], r[i],
                        weightLrPower[i]);
                oneMinusC[i] = 1 - c;
                steps[i]++;
            }
            x.subi(z).muli(Runs.column(oneMinusC, x)).addi(z); // x ← x + c(z − x)
            Tensors.copyInto(x, weight);
            weight.subi(z).muli(constants.of(momentum, weight)).addi(z); // y ← x + (1 − β)(z − x)
        }

        @Override
        public boolean hasEvaluationWeights() {
            return true;
        }

        /** x = y + (1 − 1/β)(z − y). */
        @Override
        protected NDArray evaluation(StateStore.Key key, NDArray live) {
            RunState state = peek(key.id(), key.device());
            NDArray z = state == null ? null : state.tensor(Z);
            return z == null ? null : AbstractScheduleFree.evaluationX(live, z, constants.of(evalFactor, live));
        }

        @Override
        public void close() {
            scratch.values().forEach(NDArray::close);
            scratch.clear();
            super.close();
        }
    }

    /** Builder of {@link ScheduleFree}. */
    public static final class Builder extends WrapperBuilder<Builder> {
        double momentum = 0.9;
        double weightDecayAtY;
        double r;
        double weightLrPower = 2;
        LearningRate innerLr;

        Builder() {}

        /** β ∈ (0, 1] (interpolation between z and x; x divides by it). */
        public Builder optMomentum(double momentum) {
            Check.that(momentum > 0 && momentum <= 1, "momentum", momentum, "(0, 1]");
            this.momentum = momentum;
            return this;
        }

        /** Weight decay at y, weightDecayAtY ∈ [0, ∞). */
        public Builder optWeightDecayAtY(double weightDecayAtY) {
            this.weightDecayAtY = Check.nonNegative("weightDecayAtY", weightDecayAtY);
            return this;
        }

        /** Exponent r of the step in the averaging weight, r ∈ [0, ∞). */
        public Builder optR(double r) {
            this.r = Check.nonNegative("r", r);
            return this;
        }

        /** Exponent of the largest learning rate so far in the averaging weight, weightLrPower ∈ [0, ∞). */
        public Builder optWeightLrPower(double weightLrPower) {
            this.weightLrPower = Check.nonNegative("weightLrPower", weightLrPower);
            return this;
        }

        /**
         * The inner optimizer's learning rate, lr ∈ (0, ∞), for an inner optimizer that is not ours (ours are
         * asked); overrides what the inner chain says.
         */
        public Builder optInnerLearningRate(double lr) {
            innerLr = LearningRate.fixed(Check.positive("innerLearningRate", lr));
            return this;
        }

        /** As {@link #optInnerLearningRate(double)}, from a tracker asked with this wrapper's step t = 1, 2, …. */
        public Builder optInnerLearningRate(ParameterTracker tracker) {
            Check.that(tracker != null, "innerLearningRate", null, "a tracker");
            innerLr = LearningRate.tracked(tracker);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds (checks that the inner learning rate is known where it is used). */
        public ScheduleFree build() {
            return new ScheduleFree(this);
        }
    }
}
