package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.state.DerivedArrays;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.StateStore;
import org.lookaheadlab.optim.state.Tensors;
import org.lookaheadlab.optim.state.VariableScalar;
import org.lookaheadlab.optim.batched.BatchedBase;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;

/**
 * Schedule-free optimization (Defazio et al. 2024, "The Road Less Scheduled"; the authors' {@code schedulefree}
 * package), the step shared by {@link AdamWScheduleFree} and {@link SgdScheduleFree}. The model holds y during
 * training (the gradient is taken there); the optimizer keeps z and evaluates on x. Per tensor, at its step t
 * (k = t − 1), with β the momentum:
 * <pre>
 * first step:  z ← copy(θ₀);  lr_max ← −1;  W ← 0
 * s = (k+1)/warmupSteps if k &lt; warmupSteps else 1;   lr_t = lr·s;   lr_max ← max(lr_max, lr_t)
 * w = (k+1)^r · lr_max^weightLrPower;   W ← W + w;   c = w / W
 * u = the optimizer's direction at y (AdamW: g/(√(v/(1 − β2^(k+1))) + ε) + wd·y;  SGD: g + wd·y)
 * y ← y + c·(z − y);   y ← y + lr_t·(β(1 − c) − 1)·u;   z ← z − lr_t·u
 * evaluation weights:  x = y + (1 − 1/β)·(z − y)
 * </pre>
 * x is the average of the z sequence with weights w, y interpolates between x and z. lr_max and W are per tensor
 * here (the authors keep them per parameter group; every tensor of a model steps with the same lr, so they agree).
 * A learning-rate schedule, if one is given, multiplies lr as for the other optimizers (the method is meant to
 * need none). The state (z, the optimizer's moments, t, lr_max, W) is saved and restored exactly; there is no
 * train/eval mode to save, since the model holds y except inside an {@link #swapIn()}.
 *
 * <p>The step runs as in-place engine calls on two scratch buffers per tensor (no allocation; per-step scalars are
 * {@link VariableScalar}s), in float32 and float64 alike: y + c(z − y) is computed as (y − z)(1 − c) + z. The
 * gradient is zeroed by {@link BaseOptimizer}.
 */
public abstract class AbstractScheduleFree extends BaseOptimizer implements EvaluationWeights {

    /** The state tensor of z (the base optimizers' and the wrapper's). */
    public static final String Z = "z";
    static final String LR_MAX = "lrMax";
    static final String WEIGHT_SUM = "weightSum";
    /** The state name of lr_max (the wrapper's too). */
    public static final String LR_MAX_NAME = LR_MAX;
    /** The state name of W (the wrapper's too). */
    public static final String WEIGHT_SUM_NAME = WEIGHT_SUM;

    protected final double beta;
    protected final int warmupSteps;
    protected final double r;
    protected final double weightLrPower;

    /** The live weight and two scratch buffers of every (parameter, device) seen; not state (never saved). */
    private final Map<StateStore.Key, Live> live = new HashMap<>();
    /** The live weight (y) of every (parameter, device) seen. */
    private final Map<StateStore.Key, NDArray> weights = new HashMap<>();
    private final DerivedArrays evaluated = new DerivedArrays();
    private final VariableScalar oneMinusC = new VariableScalar();
    private final VariableScalar stepLr = new VariableScalar();
    private final VariableScalar yStep = new VariableScalar();

    /** One (parameter, device): its live weight (y) and scratch buffers (u, and a second one for the direction). */
    protected static final class Live {
        NDArray weight;
        final NDArray u;
        final NDArray scratch;

        Live(NDArray weight) {
            this.weight = weight;
            u = Tensors.keep(weight.zerosLike());
            scratch = Tensors.keep(weight.zerosLike());
        }

        void close() {
            u.close();
            scratch.close();
        }
    }

    protected AbstractScheduleFree(ScheduleFreeBuilder<?> builder) {
        super(builder);
        beta = builder.beta;
        warmupSteps = builder.warmupSteps;
        r = builder.r;
        weightLrPower = builder.weightLrPower;
    }

    /**
     * The averaging weight of step k + 1 at learning rate {@code lr}, updating lr_max and W in {@code state}
     * (names {@code lrMax}, {@code weightSum}; lr_max starts at {@code lrMaxStart}): lr_max ← max(lr_max, lr);
     * w = (k+1)^r · lr_max^weightLrPower; W ← W + w. Returns c = w / W (0 if W = 0, as the authors' code).
     */
    public static double averagingWeight(ParamState state, long k, double lr, double r, double weightLrPower,
            double lrMaxStart) {
        double[] lrMax = {state.getDouble(LR_MAX, lrMaxStart)};
        double[] weightSum = {state.getDouble(WEIGHT_SUM, 0)};
        double c = averagingWeight(lrMax, weightSum, 0, k, lr, r, weightLrPower);
        state.setDouble(LR_MAX, lrMax[0]);
        state.setDouble(WEIGHT_SUM, weightSum[0]);
        return c;
    }

    /**
     * The same averaging weight for entry {@code i} of per-run lr_max and W (updated in place), the one place the
     * formula is written: lr_max ← max(lr_max, lr); w = (k+1)^r · lr_max^weightLrPower; W ← W + w; c = w / W.
     */
    public static double averagingWeight(double[] lrMax, double[] weightSum, int i, long k, double lr, double r,
            double weightLrPower) {
        lrMax[i] = Math.max(lrMax[i], lr);
        double w = Math.pow(k + 1, r) * Math.pow(lrMax[i], weightLrPower);
        weightSum[i] = weightSum[i] + w;
        return weightSum[i] == 0 ? 0 : w / weightSum[i];
    }

    /** lr_t (the warmed-up learning rate) and c (the averaging weight) of one step. */
    protected record StepWeights(double lr, double c) {}

    /** lr_t and c of step t at learning rate {@code lr}, updating lr_max and W in {@code state}. */
    protected final StepWeights stepWeights(ParamState state, long t, double lr) {
        long k = t - 1;
        double lrT = warmupSteps > 0 && k < warmupSteps ? lr * (k + 1) / warmupSteps : lr;
        return new StepWeights(lrT, averagingWeight(state, k, lrT, r, weightLrPower, -1));
    }

    /** z of a parameter, z ← copy(θ) at its first step (state name {@code z}). */
    protected static NDArray z(ParamState state, NDArray weight) {
        return state.tensor(Z, weight::duplicate);
    }

    @Override
    protected final void step(ParamState state, long t, double lr, String id, NDArray weight, NDArray grad) {
        StepWeights s = stepWeights(state, t, lr);
        double c = s.c();
        NDArray z = z(state, weight);
        Live l = live(id, weight);
        NDArray u = l.u;
        direction(state, t, weight, grad, u, l.scratch);
        weight.subi(z).muli(oneMinusC.on(weight, 1 - c)).addi(z); // y ← y + c(z − y)
        u.muli(stepLr.on(u, s.lr())); // lr_t·u
        z.subi(u); // z ← z − lr_t·u
        u.muli(yStep.on(u, 1 - beta * (1 - c))); // lr_t·(1 − β(1 − c))·u
        weight.subi(u); // y ← y + lr_t·(β(1 − c) − 1)·u
    }

    /**
     * Writes the direction u at y ({@code weight}) into {@code u}, in place; {@code scratch} is a second buffer of
     * the same shape. Updates the optimizer's own state (e.g. the second moment).
     */
    protected abstract void direction(ParamState state, long t, NDArray weight, NDArray grad, NDArray u,
            NDArray scratch);

    /** u ← u + wd·y when wd ≠ 0 (weight decay at y, part of the direction). */
    protected final void addWeightDecay(NDArray u, NDArray weight) {
        if (weightDecay != 0) {
            u.addi(weight.mul(weightDecay));
        }
    }

    /** The live weight and scratch buffers of {@code (id, weight's device)}, created at the first step. */
    protected final Live live(String id, NDArray weight) {
        StateStore.Key key = new StateStore.Key(id, weight.getDevice());
        Live l = live.get(key);
        if (l == null) {
            l = new Live(weight);
            live.put(key, l);
            weights.put(key, weight);
        }
        if (l.weight != weight) {
            l.weight = weight;
            weights.put(key, weight);
        }
        return l;
    }

    /** Not linear in lr: the averaging weights follow the largest lr so far. */
    @Override
    public boolean isLinearInLr() {
        return false;
    }

    @Override
    protected List<String> momentumBufferNames() {
        return List.of();
    }

    /** Warm-up steps. */
    public int warmupSteps() {
        return warmupSteps;
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
        return evaluationX(store, weights, evaluated, parameterId, STEP, beta);
    }

    /** Writes x = y + (1 − 1/β)(z − y) into every seen parameter; the handle puts y back exactly. */
    @Override
    public Swap swapIn() {
        return swapInX(store, weights, beta);
    }

    /**
     * Schedule-free's evaluation weights x = y + (1 − 1/β)(z − y) of a parameter (first device; z the state tensor
     * {@code z}, y the live tensor), written out into {@code cache} once per value of the step counter
     * {@code stepCounter}; empty if it was never updated. Shared by the base optimizers and the wrapper.
     */
    public static Optional<NDArray> evaluationX(StateStore store, Map<StateStore.Key, NDArray> live,
            DerivedArrays cache, String parameterId, String stepCounter, double beta) {
        return EvaluationWeights.firstState(store, live, parameterId, s -> s.tensor(Z) != null).map(e -> {
            NDArray y = live.get(e.getKey());
            NDArray z = e.getValue().tensor(Z);
            return cache.get(e.getKey(), e.getValue().getLong(stepCounter, 0), y,
                    x -> Tensors.lerp(y, z, 1 - 1 / beta, x));
        });
    }

    /** Writes x = y + (1 − 1/β)(z − y) into every live tensor that has a z (the wrapper's and ours). */
    public static Swap swapInX(StateStore store, Map<StateStore.Key, NDArray> live, double beta) {
        return EvaluationWeights.swapInto(live, store, (s, y) -> {
            NDArray z = s.tensor(Z);
            return z == null ? null : target -> Tensors.lerp(target, z, 1 - 1 / beta, target);
        });
    }

    /**
     * The step above for R runs at once, each with its own lr, wd, β, warm-up, r, weightLrPower, lr_max and W;
     * the direction is the subclass's ({@link #direction}).
     */
    abstract static class Batched extends BatchedBase {
        final double[] beta;
        private final long[] warmupSteps;
        private final double[] r;
        private final double[] weightLrPower;
        private final double[] evalFactor;

        Batched(List<? extends AbstractScheduleFree> runs) {
            super(runs);
            beta = runs.stream().mapToDouble(o -> o.beta).toArray();
            warmupSteps = runs.stream().mapToLong(o -> o.warmupSteps).toArray();
            r = runs.stream().mapToDouble(o -> o.r).toArray();
            weightLrPower = runs.stream().mapToDouble(o -> o.weightLrPower).toArray();
            evalFactor = runs.stream().mapToDouble(o -> 1 - 1 / o.beta).toArray();
        }

        @Override
        protected final void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            double[] lrMax = state.doubles(LR_MAX, -1);
            double[] weightSum = state.doubles(WEIGHT_SUM, 0);
            double[] lrT = new double[runs];
            double[] oneMinusC = new double[runs];
            double[] yStep = new double[runs];
            for (int i = 0; i < runs; i++) {
                long k = t[i] - 1;
                lrT[i] = warmupSteps[i] > 0 && k < warmupSteps[i] ? lr[i] * (k + 1) / warmupSteps[i] : lr[i];
                double c = averagingWeight(lrMax, weightSum, i, k, lrT[i], r[i], weightLrPower[i]);
                oneMinusC[i] = 1 - c;
                yStep[i] = 1 - beta[i] * (1 - c);
            }
            NDArray z = state.tensor(Z, weight::duplicate);
            NDArray u = direction(state, t, weight, grad);
            Tensors.copyInto(weight.sub(z).muli(column(oneMinusC, weight)).addi(z), weight); // y ← y + c(z − y)
            u = u.mul(column(lrT, weight)); // lr_t·u
            z.subi(u); // z ← z − lr_t·u
            weight.subi(u.muli(column(yStep, weight))); // y ← y + lr_t·(β(1 − c) − 1)·u
        }

        /** The direction u at y (a new array); updates the rule's own state. */
        abstract NDArray direction(RunState state, long[] t, NDArray weight, NDArray grad);

        /** u + wd_r·y when some run's wd ≠ 0. */
        final NDArray withWeightDecay(NDArray u, NDArray weight) {
            return Runs.allEqual(weightDecay, 0) ? u : u.add(weight.mul(constants.of(weightDecay, weight)));
        }

        @Override
        public boolean isLinearInLr() {
            return false;
        }

        @Override
        protected List<String> momentumBufferNames() {
            return List.of();
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
            return z == null ? null : evaluationX(live, z, constants.of(evalFactor, live));
        }
    }

    /**
     * Schedule-free's evaluation weights x = y + (1 − 1/β)(z − y) (a new array), {@code factor} = 1 − 1/β as a
     * number or per run as a column: the one place the batched rules (this class's and {@code ScheduleFree}'s)
     * write it.
     */
    public static NDArray evaluationX(NDArray y, NDArray z, NDArray factor) {
        return z.sub(y).muli(factor).addi(y);
    }

    @Override
    public void loadState(InputStream in, Function<String, String> stableName, NDManager manager) {
        super.loadState(in, stableName, manager);
        evaluated.clear();
    }

    @Override
    public void close() {
        live.values().forEach(Live::close);
        live.clear();
        weights.clear();
        evaluated.close();
        oneMinusC.close();
        stepLr.close();
        yStep.close();
        super.close();
    }
}
