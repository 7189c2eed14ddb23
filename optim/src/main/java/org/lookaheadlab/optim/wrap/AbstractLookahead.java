package org.lookaheadlab.optim.wrap;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.BatchedWrapper;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.InnerState;
import org.lookaheadlab.optim.InnerStateAccess;
import org.lookaheadlab.optim.SlowWeights;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Scalars;
import org.lookaheadlab.optim.state.StateStore;
import org.lookaheadlab.optim.state.Tensors;

/**
 * The slow/fast-weights cycle shared by {@link Lookahead} and {@link TrajectoryLookahead}. Per (parameter,
 * device), with its own cycle counter c (never DJL's global update count):
 * <ol>
 *   <li>before the first inner step: slow ← copy(θ);</li>
 *   <li>the inner optimizer updates θ (the fast weights); c ← c + 1; {@link #afterFastStep} sees θ;</li>
 *   <li>when c = k ({@link #sync}): slow ← slow + α(target − slow), computed as ((target − slow)·α) + slow
 *       (slow ← target exactly when α = 1); θ ← slow; then the inner state is left alone, reset, or pulled back
 *       (m_slow ← m_slow + α(m − m_slow); m ← m_slow, with m_slow a separate copy starting at zero); c ← 0.</li>
 * </ol>
 * Parameters that never receive an update are never touched.
 */
@SuppressWarnings("try") // NDScope / swap handles are used for their close() only
public abstract class AbstractLookahead extends AbstractWrapper implements SlowWeights {

    static final String SLOW = "slow";
    static final String POSITION = "position";
    static final String PULLBACK_PREFIX = "pullback.";

    protected final int k;
    protected final double alpha;
    protected final InnerState innerState;
    private final Scalars alphaScalar;

    protected AbstractLookahead(LookaheadBuilder<?> builder) {
        super(builder);
        this.k = builder.k;
        this.alpha = builder.alpha;
        this.innerState = builder.innerState;
        this.alphaScalar = new Scalars(alpha);
        if (innerState != InnerState.NONE) {
            InnerStateAccess access = innerAccess("innerState = " + innerState.name().toLowerCase());
            if (innerState == InnerState.PULLBACK && !access.hasMomentumBuffers()) {
                throw new IllegalArgumentException("innerState = pullback needs an inner optimizer with a momentum"
                        + " buffer; " + inner.getClass().getSimpleName() + " as configured has none");
            }
        }
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Slot slot = slot(parameterId, weight);
        ParamState state = slot.state;
        if (state.tensor(SLOW) == null) {
            state.putTensor(SLOW, weight.duplicate());
        }
        inner.update(parameterId, weight, grad);
        long position = state.getLong(POSITION, 0) + 1;
        afterFastStep(state, position, weight);
        if (position >= k) {
            if (innerState == InnerState.NONE) {
                sync(state, weight); // in-place ops and copies only: no temporaries, so no scope
            } else {
                try (NDScope scope = new NDScope()) {
                    sync(state, weight);
                    syncInnerState(parameterId, slot.key.device(), state);
                }
            }
            position = 0;
        }
        state.setLong(POSITION, position);
    }

    /**
     * In place: {@code target ← ((target − slow)·α) + slow}, the new slow value (target holds the point the slow
     * weights move toward). Returns {@code target}.
     */
    protected final NDArray lerpInPlace(NDArray target, NDArray slow) {
        return target.subi(slow).muli(alphaScalar.on(target)).addi(slow);
    }

    /**
     * The synchronisation at c = k: updates the slow weights and copies them into {@code weight}. With innerState
     * none it runs outside any {@link NDScope}, so it must use in-place ops and {@link Tensors#copyInto} only
     * (no temporaries).
     */
    protected abstract void sync(ParamState state, NDArray weight);

    /** Called after every inner step with the cycle position (1..k) and the fast weights. */
    protected abstract void afterFastStep(ParamState state, long position, NDArray weight);

    private void syncInnerState(String parameterId, Device device, ParamState state) {
        if (innerState == InnerState.RESET) {
            innerAccess("innerState = reset").resetState(parameterId, device);
        } else if (innerState == InnerState.PULLBACK) {
            Map<String, NDArray> buffers = innerAccess("innerState = pullback").momentumBuffers(parameterId, device);
            if (buffers.isEmpty()) {
                throw new IllegalStateException("innerState = pullback: the inner optimizer "
                        + inner.getClass().getSimpleName() + " has no momentum buffer for parameter " + parameterId);
            }
            for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
                NDArray m = e.getValue();
                NDArray mSlow = state.tensor(PULLBACK_PREFIX + e.getKey(), m::zerosLike);
                if (alpha == 0) {
                    Tensors.copyInto(mSlow, m);
                } else {
                    if (alpha != 1) {
                        lerpInPlace(m, mSlow); // the live buffer now holds m_slow + α(m − m_slow)
                    }
                    Tensors.copyInto(m, mSlow); // m_slow stays a separate copy: never aliased to m
                }
            }
        }
    }

    /** Sync period k. */
    public int k() {
        return k;
    }

    /** Slow step size α. */
    public double alpha() {
        return alpha;
    }

    /** What happens to the inner state at a sync. */
    public InnerState innerState() {
        return innerState;
    }

    /** Position of a parameter in its current cycle, 0..k−1 (0 = just synced or never updated). */
    public long cyclePosition(String parameterId, Device device) {
        ParamState s = store.peek(parameterId, device);
        return s == null ? 0 : s.getLong(POSITION, 0);
    }

    /** The slow weights of a parameter (first device), or empty if it was never updated. */
    @Override
    public Optional<NDArray> evaluationWeight(String parameterId) {
        return EvaluationWeights.firstState(store, weights, parameterId, s -> s.tensor(SLOW) != null)
                .map(e -> e.getValue().tensor(SLOW));
    }

    /** Copies every seen parameter's slow weights into its live weight tensor. */
    @Override
    public Swap swapIn() {
        return EvaluationWeights.swapInto(weights, store, (s, live) -> {
            NDArray slow = s.tensor(SLOW);
            return slow == null ? null : target -> Tensors.copyInto(slow, target);
        });
    }

    @Override
    public void close() {
        alphaScalar.close();
        super.close();
    }

    /**
     * The cycle above for R runs at once, each with its own k and α (per-run masks: a run syncs when its own
     * position reaches its own k); innerState must be the same in every run.
     */
    abstract static class BatchedCycle extends BatchedWrapper {
        final long[] k;
        final double[] alpha;
        final InnerState innerState;

        BatchedCycle(List<? extends AbstractLookahead> runs, BatchedRule inner) {
            super(inner);
            k = runs.stream().mapToLong(AbstractLookahead::k).toArray();
            alpha = runs.stream().mapToDouble(AbstractLookahead::alpha).toArray();
            innerState = same(runs, AbstractLookahead::innerState, "innerState",
                    runs.get(0).getClass().getSimpleName());
            if (innerState == InnerState.PULLBACK && !inner.hasMomentumBuffers()) {
                throw new IllegalArgumentException("innerState = pullback needs an inner optimizer with a momentum"
                        + " buffer in every run");
            }
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            RunState state = state(parameterId, weight);
            state.tensor(SLOW, weight::duplicate);
            inner.update(parameterId, weight, grad);
            long[] position = state.longs(POSITION);
            boolean[] sync = new boolean[runs];
            for (int r = 0; r < runs; r++) {
                position[r]++;
                sync[r] = position[r] >= k[r];
            }
            afterFastStep(state, position, weight);
            if (Runs.any(sync)) {
                NDArray mask = Runs.mask(sync, weight);
                sync(state, mask, weight);
                if (innerState == InnerState.RESET) {
                    inner.resetRuns(parameterId, weight.getDevice(), sync);
                } else if (innerState == InnerState.PULLBACK) {
                    pullback(parameterId, weight, state, sync);
                }
                for (int r = 0; r < runs; r++) {
                    if (sync[r]) {
                        position[r] = 0;
                    }
                }
            }
        }

        /** After every inner step, with each run's cycle position (1..k_r) and the fast weights. */
        abstract void afterFastStep(RunState state, long[] position, NDArray weight);

        /** The sync of the runs in {@code mask}: their slow weights move, and their weights become them. */
        abstract void sync(RunState state, NDArray mask, NDArray weight);

        /** slow ← ((target − slow)·α) + slow for the runs in {@code mask}, and θ ← slow there. */
        final void moveSlow(RunState state, NDArray mask, NDArray target, NDArray weight) {
            NDArray slow = state.tensor(SLOW);
            NDArray moved = target.sub(slow).muli(constants.of(alpha, weight)).addi(slow);
            Tensors.copyInto(Runs.where(mask, moved, weight), weight);
            Tensors.copyInto(Runs.where(mask, moved, slow), slow);
        }

        private void pullback(String parameterId, NDArray weight, RunState state, boolean[] sync) {
            Map<String, NDArray> buffers = inner.momentumBuffers(parameterId, weight.getDevice());
            if (buffers.isEmpty()) {
                throw new IllegalStateException("innerState = pullback: the inner optimizer has no momentum buffer"
                        + " for parameter " + parameterId);
            }
            for (Map.Entry<String, NDArray> e : buffers.entrySet()) {
                NDArray m = e.getValue();
                NDArray mSlow = state.tensor(PULLBACK_PREFIX + e.getKey(), m::zerosLike);
                NDArray mask = Runs.mask(sync, m);
                NDArray moved = m.sub(mSlow).muli(constants.of(alpha, m)).addi(mSlow);
                Tensors.copyInto(Runs.where(mask, moved, m), m);
                Tensors.copyInto(Runs.where(mask, moved, mSlow), mSlow);
            }
        }

        @Override
        public boolean hasEvaluationWeights() {
            return true;
        }

        /** The slow weights. */
        @Override
        protected NDArray evaluation(StateStore.Key key, NDArray live) {
            RunState state = peek(key.id(), key.device());
            return state == null ? null : state.tensor(SLOW);
        }
    }
}
