package org.lookaheadlab.optim.batched;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.optim.base.BaseOptimizer;
import org.lookaheadlab.optim.base.LearningRate;
import org.lookaheadlab.optim.state.Tensors;

/**
 * The batched skeleton of {@link BaseOptimizer}, one step for every run r:
 * <ol>
 *   <li>t_r ← t_r + 1 and s_r ← s_r + 1 (the step and the schedule step; a reset restarts t_r only);</li>
 *   <li>lr_r ← run r's fixed learning rate or its schedule at s_r (times a one-step scale, WeightTrajectoryLR's);</li>
 *   <li>g ← clamp(g, −c_r, c_r) for the runs with clipGrad c_r &gt; 0;</li>
 *   <li>the rule ({@link #step}) updates the weight in place; runs whose t_r was 0 start from fresh state
 *       ({@link RunState});</li>
 *   <li>the gradient is zeroed.</li>
 * </ol>
 * The fused float32 kernels of the solo optimizers are not used: every rule runs as NDArray ops with per-run
 * columns.
 */
public abstract class BatchedBase extends BatchedRule {

    static final String STEP = BaseOptimizer.STEP;
    static final String SCHEDULE_STEP = BaseOptimizer.SCHEDULE_STEP;

    private final LearningRate[] learningRates;
    /** Each run's weight decay. */
    protected final double[] weightDecay;
    private final double[] clipBound;
    private final boolean clipping;
    private final boolean anyWeightDecay;

    protected BatchedBase(List<? extends BaseOptimizer> solos) {
        super(solos.size());
        learningRates = solos.stream().map(BaseOptimizer::learningRate).toArray(LearningRate[]::new);
        weightDecay = solos.stream().mapToDouble(BaseOptimizer::weightDecay).toArray();
        clipBound = solos.stream().mapToDouble(o -> o.clipGrad() > 0 ? o.clipGrad() : Double.POSITIVE_INFINITY)
                .toArray();
        clipping = solos.stream().anyMatch(o -> o.clipGrad() > 0);
        anyWeightDecay = !Runs.allEqual(weightDecay, 0);
    }

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        updateScaled(parameterId, weight, grad, null);
    }

    /**
     * One step with run r's learning rate multiplied by {@code lrScale[r]} for this step only (null: 1), for a
     * rule that is linear in lr ({@link #isLinearInLr}), as {@link BaseOptimizer#updateScaled}.
     */
    public final void updateScaled(String parameterId, NDArray weight, NDArray grad, double[] lrScale) {
        RunState state = state(parameterId, weight);
        long[] t = state.longs(STEP);
        long[] s = state.longs(SCHEDULE_STEP);
        boolean[] fresh = new boolean[runs];
        double[] lr = new double[runs];
        for (int r = 0; r < runs; r++) {
            fresh[r] = t[r] == 0;
            t[r]++;
            s[r]++;
            LearningRate l = learningRates[r];
            lr[r] = l.at(parameterId, l.isTracked() ? s[r] : t[r]) * (lrScale == null ? 1 : lrScale[r]);
        }
        NDArray g = grad;
        if (clipping) {
            NDArray c = constants.of(clipBound, weight);
            g = g.minimum(c).maximum(c.neg());
        }
        state.beginStep(fresh, weight);
        try {
            step(state, t, lr, parameterId, weight, g);
        } finally {
            state.endStep();
        }
        Tensors.zeroGradient(weight);
    }

    /**
     * Applies the rule in place to {@code weight} for every run (inside an {@code NDScope}).
     *
     * @param state this parameter's state
     * @param t each run's step, 1 for its first step
     * @param lr each run's learning rate of this step
     * @param grad the clipped gradient; must not be modified in place
     */
    protected abstract void step(RunState state, long[] t, double[] lr, String parameterId, NDArray weight,
            NDArray grad);

    /** As {@link BaseOptimizer#isLinearInLr}. */
    public boolean isLinearInLr() {
        return true;
    }

    /** Each run's learning rate at its next step (what schedule-free's wrapper asks). */
    public double[] nextLearningRates(String parameterId, Device device) {
        RunState state = peek(parameterId, device);
        double[] out = new double[runs];
        for (int r = 0; r < runs; r++) {
            LearningRate l = learningRates[r];
            long step = state == null ? 0 : state.longs(l.isTracked() ? SCHEDULE_STEP : STEP)[r];
            out[r] = l.at(parameterId, step + 1);
        }
        return out;
    }

    /** Each run's base learning rate lr₀ ({@link LearningRate#base}). */
    protected final double[] baseLearningRates(String parameterId) {
        double[] out = new double[runs];
        for (int r = 0; r < runs; r++) {
            out[r] = learningRates[r].base(parameterId);
        }
        return out;
    }

    /** g + wd_r·θ (L2 weight decay), or g when every run's wd is 0. */
    protected final NDArray withL2(NDArray grad, NDArray weight) {
        return anyWeightDecay ? grad.add(weight.mul(constants.of(weightDecay, weight))) : grad;
    }

    /** A per-run column of this step's values (a temporary). */
    protected static NDArray column(double[] values, NDArray like) {
        return Runs.column(values, like);
    }

    /** A per-run boolean column of this step's flags (a temporary). */
    protected static NDArray mask(boolean[] flags, NDArray like) {
        return Runs.mask(flags, like);
    }

    /** Names of the momentum-like buffers (empty if none). */
    protected abstract List<String> momentumBufferNames();

    @Override
    public BatchedBase base() {
        return this;
    }

    @Override
    public boolean hasMomentumBuffers() {
        return !momentumBufferNames().isEmpty();
    }

    @Override
    public Map<String, NDArray> momentumBuffers(String parameterId, Device device) {
        RunState s = peek(parameterId, device);
        Map<String, NDArray> out = new LinkedHashMap<>();
        if (s != null) {
            for (String name : momentumBufferNames()) {
                NDArray b = s.tensor(name);
                if (b != null) {
                    out.put(name, b);
                }
            }
        }
        return out;
    }

    /** t_r ← 0 for the flagged runs; their tensors and scalars start over at their next step. */
    @Override
    public void resetRuns(String parameterId, Device device, boolean[] reset) {
        RunState s = peek(parameterId, device);
        if (s == null) {
            return;
        }
        long[] t = s.longs(STEP);
        for (int r = 0; r < runs; r++) {
            if (reset[r]) {
                t[r] = 0;
            }
        }
    }
}
