package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Scalars;
import org.lookaheadlab.optim.state.Tensors;
import org.lookaheadlab.optim.state.VariableScalar;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;

/**
 * Schedule-free AdamW (the authors' {@code AdamWScheduleFree}): the step of {@link AbstractScheduleFree} with
 * β = β1 and the direction
 * <pre>
 * v ← β2·v + (1 − β2)·g²;   denom = √(v / (1 − β2^(k+1))) + ε;   u = g / denom + wd·y
 * y ← y + c·(z − y);   y ← y + lr_t·(β1(1 − c) − 1)·u;   z ← z − lr_t·u
 * evaluation weights:  x = y + (1 − 1/β1)·(z − y)
 * </pre>
 * (weight decay at y, outside the denominator, as the authors do). Defaults (the authors'): lr 0.0025, β1 0.9,
 * β2 0.999, ε 1e-8, wd 0, warmupSteps 0, r 0, weightLrPower 2. β1 ∈ (0, 1] (x divides by it), β2 ∈ [0, 1).
 *
 * <p>Fast path: for float32 weights with β1 &lt; 1, no rescaling or clipping, z and v are stepped by the engine's
 * fused Adam kernel ({@code NDArrayEx.adamUpdate}, which also zeroes y's gradient) with first-moment decay 0 (its m
 * buffer is scratch and holds g), η = lr_t·√(1 − β2^t) and ε' = ε·√(1 − β2^t), which is z ← z − lr_t·g/denom as
 * above; the decay at y goes to z first (z ← z − lr_t·wd·y). y follows without u, from
 * y' = (1 − c)(y − (1 − β1)·z) + a·z' with a = 1 − β1(1 − c): before the kernel
 * y ← y·(1 − (1 − β1)·lr_t·wd)/(1 − β1) − z, after it y ← a·(y·(1 − c)(1 − β1)/a + z'). Five in-place engine
 * calls around one kernel instead of some twenty (the same values as the rule above, rounded differently in
 * float32); float64 always takes the op-by-op path. (Keeping z scaled so that the kernel's decoupled decay would
 * spare one of the five calls was measured slower: that decay allocates two temporaries.)
 */
public class AdamWScheduleFree extends AbstractScheduleFree {

    private final double beta2;
    private final double eps;
    private final Scalars beta2Scalar;
    private final Scalars oneMinusBeta2;
    private final Scalars half = new Scalars(0.5);
    private final Scalars epsScalar;
    private final VariableScalar biasCorrection2 = new VariableScalar();
    private final VariableScalar preScale = new VariableScalar();
    private final VariableScalar postScale = new VariableScalar();
    private final VariableScalar postFactor = new VariableScalar();
    private final Scalars sqrtWeightDecayProbe = null;
    private volatile Boolean fusedAvailable;

    protected AdamWScheduleFree(Builder builder) {
        super(builder);
        beta2 = builder.beta2;
        eps = builder.eps;
        beta2Scalar = new Scalars(beta2);
        oneMinusBeta2 = new Scalars(1 - beta2);
        epsScalar = new Scalars(eps);
    }

    /** A builder with the authors' defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** β1, the interpolation between z and x. */
    public double beta1() {
        return beta;
    }

    /** β2, the second-moment decay. */
    public double beta2() {
        return beta2;
    }

    /** ε of the denominator. */
    public double eps() {
        return eps;
    }

    /** u = g / (√(v / (1 − β2^t)) + ε) + wd·y, after v ← β2·v + (1 − β2)·g² (state name {@code v}). */
    @Override
    protected void direction(ParamState state, long t, NDArray weight, NDArray grad, NDArray u, NDArray scratch) {
        NDArray v = state.tensor(MomentOptimizer.V, weight::zerosLike);
        Tensors.copyInto(grad, u);
        u.muli(grad).muli(oneMinusBeta2.on(u)); // (1 − β2)·g²
        v.muli(beta2Scalar.on(v)).addi(u);
        Tensors.copyInto(v, scratch);
        scratch.divi(biasCorrection2.on(scratch, 1 - Math.pow(beta2, t))).powi(half.on(scratch))
                .addi(epsScalar.on(scratch)); // denom
        Tensors.copyInto(grad, u);
        u.divi(scratch);
        addWeightDecay(u, weight);
    }

    @Override
    protected boolean fusedStep(ParamState state, long t, double lr, String parameterId, NDArray weight,
            NDArray grad) {
        if (beta >= 1 || weight.getDataType() != DataType.FLOAT32 || !weight.hasGradient()
                || !kernelAvailable(weight)) {
            return false;
        }
        StepWeights s = stepWeights(state, t, lr);
        double c = s.c();
        NDArray z = z(state, weight);
        NDArray v = state.tensor(MomentOptimizer.V, weight::zerosLike);
        NDArray m = live(parameterId, weight).u;
        if (weightDecay != 0) {
            try (NDArray decay = weight.mul(s.lr() * weightDecay)) {
                z.subi(decay); // z ← z − lr_t·wd·y
            }
        }
        double oneMinusBeta = 1 - beta;
        // y ← (y − (1 − β1)·z_old)/(1 − β1), z_old before the decay at y
        weight.muli(preScale.on(weight, (1 - oneMinusBeta * s.lr() * weightDecay) / oneMinusBeta)).subi(z);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
        // z ← z − lr_t·g/denom, v updated, y's gradient zeroed
        weight.getNDArrayInternal().adamUpdate(new NDList(z, grad, m, v), new NDList(weight), 0f,
                (float) (s.lr() * sqrtBc2), 0f, 1f, -1f, 0f, (float) beta2, (float) (eps * sqrtBc2), true, false);
        double a = 1 - beta * (1 - c);
        // y' = (1 − c)(y − (1 − β1)·z_old) + a·z' = a·(y·(1 − c)(1 − β1)/a + z')
        weight.muli(postScale.on(weight, (1 - c) * oneMinusBeta / a)).addi(z).muli(postFactor.on(weight, a));
        return true;
    }

    /** Whether the engine has the fused Adam kernel (tried once on one-element arrays). */
    @SuppressWarnings("try") // the scope is used for its close() only
    private boolean kernelAvailable(NDArray like) {
        if (fusedAvailable == null) {
            try (NDScope scope = new NDScope()) {
                NDManager manager = like.getManager();
                NDArray w = manager.zeros(new Shape(1), DataType.FLOAT32, like.getDevice());
                w.getNDArrayInternal().adamUpdate(new NDList(w, w.onesLike(), w.zerosLike(), w.zerosLike()),
                        new NDList(w), 0f, 0f, 0f, 1f, -1f, 0f, 0.5f, 1f, true, false);
                fusedAvailable = true;
            } catch (UnsupportedOperationException e) {
                fusedAvailable = false; // engine without the kernel: the op-by-op path
            }
        }
        return fusedAvailable;
    }

    @Override
    public void close() {
        preScale.close();
        postScale.close();
        postFactor.close();
        beta2Scalar.close();
        oneMinusBeta2.close();
        half.close();
        epsScalar.close();
        biasCorrection2.close();
        super.close();
    }

    /** The batched form of R runs' schedule-free AdamW ({@link BatchedAdamW}). */
    public static BatchedRule batched(List<AdamWScheduleFree> runs) {
        return new BatchedAdamW(runs);
    }

    /** {@link AbstractScheduleFree.Batched} with the direction above, each run with its own β2 and ε. */
    static final class BatchedAdamW extends Batched {
        private final double[] beta2;
        private final double[] oneMinusBeta2;
        private final double[] eps;

        BatchedAdamW(List<AdamWScheduleFree> runs) {
            super(runs);
            beta2 = runs.stream().mapToDouble(o -> o.beta2).toArray();
            oneMinusBeta2 = runs.stream().mapToDouble(o -> 1 - o.beta2).toArray();
            eps = runs.stream().mapToDouble(o -> o.eps).toArray();
        }

        @Override
        NDArray direction(RunState state, long[] t, NDArray weight, NDArray grad) {
            NDArray v = state.tensor(MomentOptimizer.V, weight::zerosLike);
            v.muli(constants.of(beta2, v)).addi(grad.square().muli(constants.of(oneMinusBeta2, v)));
            double[] bc2 = new double[runs];
            for (int i = 0; i < runs; i++) {
                bc2[i] = 1 - Math.pow(beta2[i], t[i]);
            }
            NDArray denom = v.div(column(bc2, weight)).pow(0.5).addi(constants.of(eps, weight));
            return withWeightDecay(grad.div(denom), weight);
        }
    }

    /** Builder of {@link AdamWScheduleFree}. */
    public static final class Builder extends ScheduleFreeBuilder<Builder> {
        double beta2 = 0.999;
        double eps = 1e-8;

        Builder() {
            super(0.0025);
        }

        /** β1 ∈ (0, 1] (interpolation between z and x; x divides by it). */
        public Builder optBeta1(double beta1) {
            setBeta("beta1", beta1);
            return this;
        }

        /** β2 ∈ [0, 1). */
        public Builder optBeta2(double beta2) {
            this.beta2 = Check.halfOpenUnit("beta2", beta2);
            return this;
        }

        /** ε ∈ [0, ∞). */
        public Builder optEpsilon(double eps) {
            this.eps = Check.nonNegative("eps", eps);
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public AdamWScheduleFree build() {
            return new AdamWScheduleFree(this);
        }
    }
}
