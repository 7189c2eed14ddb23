package org.lookaheadlab.optim.wrap;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Optional;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.state.DerivedArrays;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.StateStore;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.BatchedWrapper;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;
import org.lookaheadlab.optim.state.Tensors;

/**
 * What {@link Ema} and {@link Swa} share: an average of the weights kept beside the training, which it never
 * changes. Per (parameter, device), with its own step counter t (never DJL's global update count):
 * <ol>
 *   <li>the inner optimizer updates θ as usual;</li>
 *   <li>t ← t + 1; if t ≥ start and (t − start) mod every = 0, an averaging update: the first one starts the
 *       average from θ ({@link #first}), later ones fold θ in ({@link #fold}); n counts them.</li>
 * </ol>
 * The evaluation weights ({@link EvaluationWeights}) are the average once it exists (n ≥ 1), the live weights
 * before. The state (the average's tensor, t and n) is saved and restored exactly. Parameters that never receive an
 * update are never touched.
 */
public abstract class AbstractAverage extends AbstractWrapper implements EvaluationWeights {

    static final String STEPS = "steps";
    static final String UPDATES = "updates";

    protected final int start;
    protected final int every;
    /** The averages read through {@link #evaluationWeight}, written out on demand. */
    private final DerivedArrays averages = new DerivedArrays();

    protected AbstractAverage(AverageBuilder<?> builder) {
        super(builder);
        start = builder.start;
        every = builder.every;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Slot slot = slot(parameterId, weight);
        inner.update(parameterId, weight, grad);
        ParamState state = slot.state;
        long t = state.getLong(STEPS, 0) + 1;
        state.setLong(STEPS, t);
        if (t >= start && (t - start) % every == 0) {
            long n = state.getLong(UPDATES, 0);
            if (n == 0) {
                first(state, weight);
            } else {
                fold(state, weight, n);
            }
            state.setLong(UPDATES, n + 1);
        }
    }

    /** The first averaging update: the average becomes θ. */
    protected abstract void first(ParamState state, NDArray weight);

    /** A later averaging update, after {@code n} ≥ 1 earlier ones: folds θ into the average. In-place ops only. */
    protected abstract void fold(ParamState state, NDArray weight, long n);

    /** Writes the average after {@code n} ≥ 1 updates into {@code target} (same shape and dtype), in place. */
    protected abstract void writeAverage(ParamState state, long n, NDArray target);

    /** The first averaged step. */
    public int start() {
        return start;
    }

    /** The period of the averaging updates. */
    public int every() {
        return every;
    }

    /** The number of averaging updates made for a parameter (first device; 0 if none or never updated). */
    public long averagingUpdates(String parameterId) {
        return firstState(parameterId).map(e -> e.getValue().getLong(UPDATES, 0)).orElse(0L);
    }

    /** The average (n ≥ 1), else the live weights (n = 0), else empty (never updated). */
    @Override
    public Optional<NDArray> evaluationWeight(String parameterId) {
        return firstState(parameterId).map(e -> {
            ParamState state = e.getValue();
            long n = state.getLong(UPDATES, 0);
            NDArray live = weights.get(e.getKey());
            return n == 0 ? live
                    : averages.get(e.getKey(), state.getLong(STEPS, 0), live, target -> writeAverage(state, n, target));
        });
    }

    private Optional<Map.Entry<StateStore.Key, ParamState>> firstState(String parameterId) {
        return EvaluationWeights.firstState(store, weights, parameterId, s -> s.getLong(STEPS, 0) > 0);
    }

    /** Writes the average of every parameter that has one into its live weight tensor. */
    @Override
    public Swap swapIn() {
        return EvaluationWeights.swapInto(weights, store, (s, live) -> {
            long n = s.getLong(UPDATES, 0);
            return n == 0 ? null : target -> writeAverage(s, n, target);
        });
    }

    /**
     * The averaging above for R runs at once, each with its own start and every (per-run masks: a run averages at
     * its own steps); the average's update is the subclass's.
     */
    abstract static class BatchedAverage extends BatchedWrapper {
        private final long[] start;
        private final long[] every;

        BatchedAverage(List<? extends AbstractAverage> runs, BatchedRule inner) {
            super(inner);
            start = runs.stream().mapToLong(AbstractAverage::start).toArray();
            every = runs.stream().mapToLong(AbstractAverage::every).toArray();
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            RunState state = state(parameterId, weight);
            inner.update(parameterId, weight, grad);
            long[] t = state.longs(STEPS);
            long[] n = state.longs(UPDATES);
            boolean[] first = new boolean[runs];
            boolean[] fold = new boolean[runs];
            for (int r = 0; r < runs; r++) {
                t[r]++;
                if (t[r] >= start[r] && (t[r] - start[r]) % every[r] == 0) {
                    first[r] = n[r] == 0;
                    fold[r] = !first[r];
                }
            }
            if (Runs.any(first) || Runs.any(fold)) {
                NDArray average = state.tensor(AVERAGE, weight::zerosLike);
                NDArray folded = Runs.any(fold) ? Runs.where(Runs.mask(fold, weight), fold(average, weight, n), average)
                        : average;
                NDArray next = Runs.any(first) ? Runs.where(Runs.mask(first, weight), first(weight), folded) : folded;
                Tensors.copyInto(next, average);
                for (int r = 0; r < runs; r++) {
                    if (first[r] || fold[r]) {
                        n[r]++;
                    }
                }
            }
        }

        /** The name of the kept tensor. */
        static final String AVERAGE = "average";

        /** What the kept tensor becomes at a run's first averaging update (a new array). */
        abstract NDArray first(NDArray weight);

        /** What the kept tensor becomes at a later one, after n_r earlier ones (a new array). */
        abstract NDArray fold(NDArray kept, NDArray weight, long[] n);

        /** The average from the kept tensor after n_r ≥ 1 updates (a new array; only the runs with n_r ≥ 1 count). */
        abstract NDArray average(NDArray kept, long[] n, NDArray like);

        @Override
        public boolean hasEvaluationWeights() {
            return true;
        }

        /** The average of the runs that have one, the live weights of the others. */
        @Override
        protected NDArray evaluation(StateStore.Key key, NDArray live) {
            RunState state = peek(key.id(), key.device());
            NDArray kept = state == null ? null : state.tensor(AVERAGE);
            if (kept == null) {
                return null;
            }
            long[] n = state.longs(UPDATES);
            boolean[] has = new boolean[runs];
            for (int r = 0; r < runs; r++) {
                has[r] = n[r] > 0;
            }
            return Runs.where(Runs.mask(has, live), average(kept, n, live), live);
        }
    }

    @Override
    protected void onStateLoaded() {
        averages.clear();
    }

    @Override
    public void close() {
        averages.close();
        super.close();
    }
}
