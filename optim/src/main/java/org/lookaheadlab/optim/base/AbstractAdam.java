package org.lookaheadlab.optim.base;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Tensors;

/**
 * The Adam step shared by {@link Adam} (L2 weight decay) and {@link AdamW} (decoupled weight decay):
 *
 * <pre>
 * g ← g + wd·θ
 * m ← β1·m + (1−β1)·g;   v ← β2·v + (1−β2)·g²;   AMSGrad: v̂ ← max(v̂, v), used in place of v
 * bc1 = 1 − β1ᵗ, bc2 = 1 − β2ᵗ;   denom = √v / √bc2 + ε
 * θ ← θ − (lr / bc1) · m / denom
 * </pre>
 * AMSGrad, if enabled, replaces v by its running maximum v̂ in the denominator.
 *
 * <p>Fast path: for float32 weights without AMSGrad, rescaling or clipping, the step runs in the engine's fused
 * Adam kernel ({@code NDArrayEx.adamUpdate}, one native call that also zeroes the gradient). That kernel computes
 * θ ← θ − η·m/(√v + ε') with L2 (or, for AdamW, decoupled) weight decay; passing η = lr·√bc2/bc1 and
 * ε' = ε·√bc2 makes it the rule above exactly: (lr·√bc2/bc1)·m/(√v + ε√bc2) = (lr/bc1)·m/(√v/√bc2 + ε). Its
 * scalars are float32, so it is used for float32 weights only; float64 always takes the op-by-op path.
 */
public abstract class AbstractAdam extends MomentOptimizer {

    static final String V_MAX = "vMax";

    protected final boolean amsgrad;

    private final boolean decoupled;
    private volatile boolean fusedAvailable = true;

    protected AbstractAdam(AdamBuilder<?> builder, boolean decoupled) {
        super(builder);
        amsgrad = builder.amsgrad;
        this.decoupled = decoupled;
    }

    /** Whether AMSGrad (the running maximum of v) is used. */
    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    protected boolean fusedStep(ParamState state, long t, double lr, String parameterId, NDArray weight,
            NDArray grad) {
        if (amsgrad || !fusedAvailable || weight.getDataType() != DataType.FLOAT32 || !weight.hasGradient()) {
            return false;
        }
        NDArray m = state.tensor(M, weight::zerosLike);
        NDArray v = state.tensor(V, weight::zerosLike);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
        double bc1 = 1 - Math.pow(beta1, t);
        try {
            weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), (float) lr,
                    (float) (lr * sqrtBc2 / bc1), (float) weightDecay, 1f, -1f, (float) beta1, (float) beta2,
                    (float) (eps * sqrtBc2), true, decoupled);
            return true;
        } catch (UnsupportedOperationException e) {
            fusedAvailable = false; // engine without the kernel: use the op-by-op path from now on
            return false;
        }
    }

    /** The Adam step proper on an already weight-decayed gradient. */
    protected final void adamStep(ParamState state, long t, double lr, NDArray weight, NDArray g) {
        NDArray m = state.tensor(M, weight::zerosLike);
        NDArray v = state.tensor(V, weight::zerosLike);
        updateMoments(m, v, g);
        NDArray second = v;
        if (amsgrad) {
            NDArray vMax = state.tensor(V_MAX, weight::zerosLike);
            second = v.maximum(vMax);
            state.putTensor(V_MAX, second);
        }
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        NDArray denom = second.sqrt().divi(Math.sqrt(bc2)).addi(eps);
        weight.subi(m.div(denom).muli(lr / bc1));
    }

    /** The batched form of R runs of one class, Adam or AdamW ({@link Batched}). */
    public static BatchedRule batched(List<AbstractAdam> runs) {
        return new Batched(runs);
    }

    /**
     * The rule above (Adam's L2 or AdamW's decoupled weight decay, as the runs' class says) for R runs at once, each
     * with its own lr, wd, β1, β2, ε and AMSGrad flag (a per-run mask: the AMSGrad runs divide by v̂).
     */
    static final class Batched extends BatchedMoments {
        private final boolean decoupled;
        private final boolean[] amsgrad;
        private final boolean anyAmsgrad;

        Batched(List<AbstractAdam> runs) {
            super(runs);
            decoupled = runs.get(0).decoupled;
            amsgrad = new boolean[runs.size()];
            for (int r = 0; r < amsgrad.length; r++) {
                amsgrad[r] = runs.get(r).amsgrad;
            }
            anyAmsgrad = Runs.any(amsgrad);
        }

        @Override
        protected void step(RunState state, long[] t, double[] lr, String id, NDArray weight, NDArray grad) {
            NDArray g = grad;
            if (decoupled) {
                if (!Runs.allEqual(weightDecay, 0)) {
                    double[] shrink = new double[runs];
                    for (int r = 0; r < runs; r++) {
                        shrink[r] = 1 - lr[r] * weightDecay[r];
                    }
                    weight.muli(column(shrink, weight));
                }
            } else {
                g = withL2(grad, weight);
            }
            NDArray m = state.tensor(M, weight::zerosLike);
            NDArray v = state.tensor(V, weight::zerosLike);
            updateMoments(m, v, g);
            NDArray second = v;
            if (anyAmsgrad) {
                NDArray vMax = state.tensor(V_MAX, weight::zerosLike);
                NDArray ams = constants.mask(amsgrad, weight);
                NDArray raised = v.maximum(vMax);
                Tensors.copyInto(Runs.where(ams, raised, vMax), vMax);
                second = Runs.where(ams, raised, v);
            }
            double[] sqrtBc2 = new double[runs];
            double[] stepSize = new double[runs];
            for (int r = 0; r < runs; r++) {
                sqrtBc2[r] = Math.sqrt(1 - Math.pow(beta2[r], t[r]));
                stepSize[r] = lr[r] / (1 - Math.pow(beta1[r], t[r]));
            }
            NDArray denom = second.sqrt().divi(column(sqrtBc2, weight)).addi(constants.of(eps, weight));
            weight.subi(m.div(denom).muli(column(stepSize, weight)));
        }
    }
}
