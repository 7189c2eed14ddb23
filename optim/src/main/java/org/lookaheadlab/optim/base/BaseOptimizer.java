package org.lookaheadlab.optim.base;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lookaheadlab.optim.InnerStateAccess;
import org.lookaheadlab.optim.StatefulOptimizer;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.StateFormat;
import org.lookaheadlab.optim.state.StateStore;
import org.lookaheadlab.optim.state.Tensors;

/**
 * Skeleton of our base optimizers. One {@link #update} call:
 * <ol>
 *   <li>t ← t + 1 for this (parameter, device) (its own counter, not DJL's global {@code updateCount});</li>
 *   <li>lr ← the fixed learning rate or the tracker's value at (id, s), where s is the schedule step: s = t,
 *       except that a Lookahead-family {@code innerState = reset} ({@link #resetState}) restarts t (bias
 *       corrections restart, as the reference semantics require) but not s, so a learning-rate schedule keeps
 *       following the training step. s is counted (and saved) only when a tracker drives the lr;</li>
 *   <li>g ← grad · rescaleGrad, then clamp(g, −clipGrad, clipGrad) if clipGrad &gt; 0 (symmetric);</li>
 *   <li>the optimizer's rule ({@link #step}) updates the weight in place, in the weight's dtype;</li>
 *   <li>the gradient accumulated on the weight is zeroed (PyTorch accumulates).</li>
 * </ol>
 * Temporaries live in an {@link NDScope}; state tensors are owned by the {@link StateStore}.
 */
@SuppressWarnings("try") // NDScope / swap handles are used for their close() only
public abstract class BaseOptimizer extends Optimizer implements StatefulOptimizer, InnerStateAccess, AutoCloseable {

    /** Name of the per-parameter step counter. */
    public static final String STEP = "t";

    /** Name of the per-parameter schedule step counter (kept only when a tracker drives the lr). */
    public static final String SCHEDULE_STEP = "lrStep";

    protected final LearningRate learningRate;
    protected final double weightDecay;
    protected final StateStore store = new StateStore();

    protected BaseOptimizer(BaseBuilder<?> builder) {
        super(builder);
        Check.that(rescaleGrad > 0 && Float.isFinite(rescaleGrad), "rescaleGrad", rescaleGrad, "(0, ∞)");
        Check.that(clipGrad == -1f || (clipGrad > 0 && !Float.isNaN(clipGrad)), "clipGrad", clipGrad,
                "(0, ∞], or -1 for no clipping");
        Check.that(getWeightDecay() == 0f, "weightDecays (DJL)", getWeightDecay(),
                "0 (use optWeightDecay(double) of our builders)");
        this.learningRate = builder.learningRate;
        this.weightDecay = builder.weightDecay;
    }

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        updateScaled(parameterId, weight, grad, 1.0);
    }

    /**
     * One step with the learning rate multiplied by {@code lrScale} for this step only. For a rule that is linear
     * in lr ({@link #isLinearInLr()}: its displacement is lr times something that does not depend on lr;
     * AdaBound's bounds scale with lr too) this equals scaling the step's displacement by {@code lrScale}, without
     * copying the weights. Used by WeightTrajectoryLR.
     */
    public final void updateScaled(String parameterId, NDArray weight, NDArray grad, double lrScale) {
        ParamState state = store.get(parameterId, weight.getDevice());
        long t = state.getLong(STEP, 0) + 1;
        state.setLong(STEP, t);
        long scheduleStep = t;
        if (learningRate.isTracked()) {
            scheduleStep = state.getLong(SCHEDULE_STEP, 0) + 1;
            state.setLong(SCHEDULE_STEP, scheduleStep);
        }
        double lr = learningRate.at(parameterId, scheduleStep) * lrScale;
        if (rescaleGrad == 1f && clipGrad <= 0 && fusedStep(state, t, lr, parameterId, weight, grad)) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            NDArray g = grad;
            if (rescaleGrad != 1f) {
                g = g.mul(rescaleGrad);
            }
            if (clipGrad > 0) {
                g = g.clip(-clipGrad, clipGrad);
            }
            step(state, t, lr, parameterId, weight, g);
            Tensors.zeroGradient(weight);
        }
    }

    /**
     * Whether the step's displacement is lr times something that does not depend on lr, so that scaling lr scales
     * the displacement ({@link #updateScaled}). True for every rule of ours except the schedule-free ones, whose
     * averaging weights depend on the largest lr so far.
     */
    public boolean isLinearInLr() {
        return true;
    }

    /**
     * The learning rate the next {@link #update} of a parameter will use: the fixed lr, or the tracker's value at
     * the next schedule step (what a wrapper that needs its inner optimizer's lr, such as schedule-free, asks).
     */
    public double nextLearningRate(String parameterId, Device device) {
        return learningRate.at(parameterId, scheduleStep(parameterId, device) + 1);
    }

    /**
     * Applies the update rule in place to {@code weight}. Called inside an {@link NDScope}.
     *
     * @param state this parameter's state (create buffers with {@code state.tensor(name, init)})
     * @param t this parameter's step, 1 for its first step
     * @param lr the learning rate of this step
     * @param weight the live weight tensor
     * @param grad the (rescaled, clipped) gradient; must not be modified in place
     */
    protected abstract void step(ParamState state, long t, double lr, String parameterId, NDArray weight,
            NDArray grad);

    /**
     * An optional fused implementation of the same rule (one native kernel instead of a chain of NDArray ops),
     * tried first when neither rescaleGrad nor clipGrad is set. It must update the weight and its state exactly
     * as {@link #step} would (up to rounding in the weight's dtype) and zero the weight's gradient.
     *
     * @return true if it did the step, false to fall back to {@link #step}
     */
    protected boolean fusedStep(ParamState state, long t, double lr, String parameterId, NDArray weight,
            NDArray grad) {
        return false;
    }

    /**
     * The fixed learning rate, or NaN when a tracker (a schedule) drives it ({@link #learningRate()}). The
     * getters of a built optimizer are named after its hyperparameters in {@code org.lookaheadlab.optim.spec}'s
     * registry, so that a test can check the registry's defaults against ours.
     */
    public double lr() {
        return learningRate.isTracked() ? Double.NaN : learningRate.base(null);
    }

    /** The learning rate: fixed or driven by a tracker. */
    public LearningRate learningRate() {
        return learningRate;
    }

    /** The weight decay (L2 or decoupled, as the optimizer documents). */
    public double weightDecay() {
        return weightDecay;
    }

    /** The symmetric gradient clipping bound c (g ← clamp(g, −c, c)), or −1 for none. */
    public double clipGrad() {
        return clipGrad;
    }

    /** Names of the momentum-like buffers, as configured (empty if none). */
    protected abstract List<String> momentumBufferNames();

    /** g + wd·θ if wd ≠ 0 (L2 weight decay), else g. */
    protected NDArray withL2(NDArray grad, NDArray weight) {
        return weightDecay == 0 ? grad : grad.add(weight.mul(weightDecay));
    }

    /**
     * The schedule step of a parameter: the step its learning-rate tracker was last asked for (0 if never
     * updated). Equals {@link #stepCount} unless an inner-state reset restarted the latter.
     */
    public long scheduleStep(String parameterId, Device device) {
        ParamState s = store.peek(parameterId, device);
        if (s == null) {
            return 0;
        }
        return learningRate.isTracked() ? s.getLong(SCHEDULE_STEP, 0) : s.getLong(STEP, 0);
    }

    /** This optimizer's step count for a parameter (0 if never updated). */
    public long stepCount(String parameterId, Device device) {
        ParamState s = store.peek(parameterId, device);
        return s == null ? 0 : s.getLong(STEP, 0);
    }

    /** Read-only view of one parameter's state tensors (empty if none). */
    public Map<String, NDArray> stateTensors(String parameterId, Device device) {
        ParamState s = store.peek(parameterId, device);
        return s == null ? Map.of() : s.tensors();
    }

    @Override
    public boolean supportsInnerState() {
        return true;
    }

    @Override
    public boolean hasMomentumBuffers() {
        return !momentumBufferNames().isEmpty();
    }

    @Override
    public void resetState(String parameterId, Device device) {
        ParamState s = store.peek(parameterId, device);
        long scheduleStep = s == null ? 0 : s.getLong(SCHEDULE_STEP, 0);
        store.remove(parameterId, device);
        if (scheduleStep > 0) {
            store.get(parameterId, device).setLong(SCHEDULE_STEP, scheduleStep);
        }
    }

    @Override
    public Map<String, NDArray> momentumBuffers(String parameterId, Device device) {
        ParamState s = store.peek(parameterId, device);
        Map<String, NDArray> buffers = new LinkedHashMap<>();
        if (s != null) {
            for (String name : momentumBufferNames()) {
                NDArray b = s.tensor(name);
                if (b != null) {
                    buffers.put(name, b);
                }
            }
        }
        return buffers;
    }

    @Override
    public void saveState(OutputStream out, Function<String, String> stableName) {
        StateFormat.write(out, getClass().getSimpleName(), store, stableName, null);
    }

    @Override
    public void loadState(InputStream in, Function<String, String> stableName, NDManager manager) {
        StateFormat.read(in, getClass().getSimpleName(), store, stableName, manager);
    }

    /** Frees every state tensor. */
    @Override
    public void close() {
        store.close();
    }
}
