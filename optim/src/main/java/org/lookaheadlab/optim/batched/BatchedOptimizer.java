package org.lookaheadlab.optim.batched;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.StatefulOptimizer;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.StateStore;
import org.lookaheadlab.optim.state.Tensors;

/**
 * One DJL {@link Optimizer} updating R runs at once: every parameter it is given has a leading run axis of size R,
 * and run r follows {@code specs.get(r)} exactly as that spec's solo optimizer would (made by
 * {@link BatchedOptimizers#create}). Called through DJL's ParameterStore / LocalParameterServer like any optimizer.
 *
 * <p><b>Freezing.</b> {@link #freeze(int)} stops a run for good (it diverged): from then on, at every update its
 * slice of the weight and of every state tensor, and its step counters and scalars, are copied before the rule
 * runs and put back afterwards. Every operation of a rule is element-wise or a reduction within one run, so
 * whatever a frozen run's gradient or weights hold (NaN, ∞) stays in its own slice and never reaches another run;
 * the other runs go on exactly as if alone (bit for bit).
 *
 * <p><b>Evaluation weights</b> ({@link EvaluationWeights}) are those of the outermost rule of the chain that keeps
 * them (slow weights, an average, schedule-free's x), per run; for a chain without any, the live weights (and
 * {@link #swapIn()} changes nothing).
 *
 * <p><b>State</b> ({@link StatefulOptimizer}): every rule's per-run tensors, counters and scalars, in the
 * optimizer state format, nested as the chain is; loading it into an optimizer made from the same specs resumes
 * every run bit for bit. Which runs are frozen is not part of it: freeze them again after a load.
 */
@SuppressWarnings("try") // NDScope is used for its close() only
public abstract class BatchedOptimizer extends Optimizer
        implements EvaluationWeights, StatefulOptimizer, AutoCloseable {

    private final BatchedRule root;
    private final BatchedRule evaluating;
    private final boolean[] frozen;
    private boolean anyFrozen;
    /** Evaluation weights read since the last update (owned copies). */
    private final Map<String, NDArray> evaluated = new HashMap<>();


    BatchedOptimizer(BatchedRule root) {
        super(new Builder());
        this.root = root;
        this.frozen = new boolean[root.runs()];
        BatchedRule r = root;
        BatchedRule found = null;
        while (r != null) {
            if (r.hasEvaluationWeights()) {
                found = r;
                break;
            }
            r = r instanceof BatchedWrapper w ? w.inner : null;
        }
        this.evaluating = found;
    }

    /** The number of runs R (the size of every parameter's leading axis). */
    public int runs() {
        return frozen.length;
    }

    /** Runs that must not move any more (diverged): their weights and state stay as they are from now on. */
    public void freeze(int run) {
        Check.that(run >= 0 && run < frozen.length, "run", run, "[0, " + (frozen.length - 1) + "]");
        frozen[run] = true;
        anyFrozen = true;
    }



    /** Whether {@code run} was frozen. */
    public boolean isFrozen(int run) {
        Check.that(run >= 0 && run < frozen.length, "run", run, "[0, " + (frozen.length - 1) + "]");
        return frozen[run];
    }

    /** Whether some rule of the chain keeps evaluation weights (else they are the live weights). */
    public boolean hasEvaluationWeights() {
        return evaluating != null;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        long lead = weight.getShape().dimension() == 0 ? -1 : weight.getShape().get(0);
        if (lead != frozen.length || !grad.getShape().equals(weight.getShape())) {
            throw new IllegalArgumentException("parameter " + parameterId + " of shape " + weight.getShape()
                    + " (gradient " + grad.getShape() + ") has no leading run axis of size " + frozen.length
                    + "; accepted: a weight and gradient of shape (" + frozen.length + ", ...)");
        }
        clearEvaluated();
        try (NDScope scope = new NDScope()) {
            if (!anyFrozen) {
                root.update(parameterId, weight, grad);
                return;
            }
            List<RunState> states = new ArrayList<>();
            root.collectStates(parameterId, weight.getDevice(), states);
            List<RunState.Snapshot> snapshots = new ArrayList<>();
            states.forEach(s -> snapshots.add(s.snapshot(frozen)));
            NDArray[] before = RunState.slices(weight, frozen);
            root.update(parameterId, weight, grad);
            RunState.putBack(weight, before);
            snapshots.forEach(s -> s.restore(frozen));
        }
    }

    /** The evaluation weights of every run of a parameter (first device), or empty if it was never updated. */
    @Override
    public Optional<NDArray> evaluationWeight(String parameterId) {
        BatchedRule rule = evaluating == null ? root : evaluating;
        for (Map.Entry<StateStore.Key, NDArray> e : rule.liveWeights().entrySet()) {
            if (e.getKey().id().equals(parameterId)) {
                if (evaluating == null) {
                    return Optional.of(e.getValue());
                }
                NDArray cached = evaluated.get(parameterId);
                if (cached == null) {
                    try (NDScope scope = new NDScope()) {
                        NDArray x = evaluating.evaluation(e.getKey(), e.getValue());
                        cached = Tensors.keepCopy(x == null ? e.getValue() : x);
                    }
                    evaluated.put(parameterId, cached);
                }
                return Optional.of(cached);
            }
        }
        return Optional.empty();
    }

    /** Writes every run's evaluation weights into the live weights; the handle puts the training weights back. */
    @Override
    public Swap swapIn() {
        List<Write> writes = new ArrayList<>();
        if (evaluating != null) {
            for (Map.Entry<StateStore.Key, NDArray> e : evaluating.liveWeights().entrySet()) {
                StateStore.Key key = e.getKey();
                writes.add(new Write(e.getValue(), target -> {
                    NDArray x = evaluating.evaluation(key, target);
                    if (x != null) {
                        Tensors.copyInto(x, target);
                    }
                }));
            }
        }
        return EvaluationWeights.swapInto(writes);
    }

    @Override
    public void saveState(OutputStream out, Function<String, String> stableName) {
        root.save(out, stableName);
    }

    @Override
    public void loadState(InputStream in, Function<String, String> stableName,
            NDManager manager) {
        clearEvaluated();
        root.load(in, stableName, manager);
    }

    private void clearEvaluated() {
        evaluated.values().forEach(NDArray::close);
        evaluated.clear();
    }

    /** Frees every state tensor. */
    @Override
    public void close() {
        clearEvaluated();
        root.close();
    }

    /** DJL's builder, with none of its settings used (clipping, weight decay and lr are the runs' own). */
    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
