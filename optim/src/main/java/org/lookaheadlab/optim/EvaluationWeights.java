package org.lookaheadlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.StateStore;
import org.lookaheadlab.optim.state.Tensors;

/**
 * The weights a user evaluates, as a public concept of the optimizer that keeps them (schedule_free's
 * {@code optimizer.eval()} / {@code train()}, made a handle): Lookahead's and TrajectoryLookahead's slow weights,
 * EMA's and SWA's average (the live weights until the first averaging step), schedule-free's x. Read them, swap
 * them into the model for an evaluation, and swap the training weights back exactly:
 * <pre>
 * EvaluationWeights eval = EvaluationWeights.find(optimizer).orElseThrow();
 * try (EvaluationWeights.Swap swap = eval.swapIn()) {
 *     ... evaluate the model ...
 * }   // the training weights are back, bit for bit
 * </pre>
 * Only parameters the optimizer has updated at least once are concerned. A parameter's gradient is never touched.
 */
public interface EvaluationWeights {

    /**
     * The evaluation weights of a parameter (first device if several), or empty if the parameter was never
     * updated. The array is owned by the optimizer (or, where they are the live weights, by the model): read it,
     * do not modify or close it; it is valid until the next update or state load.
     */
    Optional<NDArray> evaluationWeight(String parameterId);

    /**
     * Writes every seen parameter's evaluation weights into its live weight tensor, keeping exact copies of the
     * training weights.
     *
     * @return a handle whose {@code close()} restores the training weights exactly
     */
    Swap swapIn();

    /**
     * The evaluation weights of {@code optimizer}, looking through wrappers ({@link WrappingOptimizer#find}).
     *
     * @return the outermost {@link EvaluationWeights} of the chain (e.g. EMA's average for
     *     {@code ema(lookahead(adam))}), or empty if there is none
     */
    static Optional<EvaluationWeights> find(Optimizer optimizer) {
        return WrappingOptimizer.find(optimizer, EvaluationWeights.class);
    }

    /** Handle of {@link #swapIn()}: while open, the model holds the evaluation weights. */
    interface Swap extends AutoCloseable {

        /** Restores the training weights (bit-exact). Idempotent. */
        @Override
        void close();
    }

    /**
     * One live tensor and how to write the evaluation weights into it (given the live tensor, which still holds
     * the training weights when {@code write} is called).
     *
     * @param live the model's weight tensor
     * @param write writes the evaluation weights into it, in place
     */
    record Write(NDArray live, Consumer<NDArray> write) {}

    /**
     * For implementations of {@link #swapIn()}: {@link #swapInto(List)} over every live tensor (by parameter and
     * device) whose state in {@code store} gives a write ({@code writer} returns null where there is nothing to
     * write: the live tensor already holds the evaluation weights).
     */
    static Swap swapInto(Map<StateStore.Key, NDArray> live, StateStore store,
            BiFunction<ParamState, NDArray, Consumer<NDArray>> writer) {
        List<Write> writes = new ArrayList<>();
        for (Map.Entry<StateStore.Key, NDArray> e : live.entrySet()) {
            ParamState s = store.peek(e.getKey().id(), e.getKey().device());
            Consumer<NDArray> write = s == null ? null : writer.apply(s, e.getValue());
            if (write != null) {
                writes.add(new Write(e.getValue(), write));
            }
        }
        return swapInto(writes);
    }

    /**
     * For implementations of {@link #evaluationWeight}: the first (parameter, device) of {@code parameterId} in
     * {@code store} that has a live tensor in {@code live} and whose state satisfies {@code has}.
     */
    static Optional<Map.Entry<StateStore.Key, ParamState>> firstState(StateStore store,
            Map<StateStore.Key, NDArray> live, String parameterId, Predicate<ParamState> has) {
        for (Map.Entry<StateStore.Key, ParamState> e : store.states().entrySet()) {
            if (e.getKey().id().equals(parameterId) && live.containsKey(e.getKey()) && has.test(e.getValue())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * For implementations of {@link #swapIn()}: keeps an exact copy of every live tensor, then runs its write; the
     * handle copies the kept values back and frees them. Temporaries of the writes are freed at once; if a write
     * fails, the weights written so far are restored before the exception propagates.
     */
    @SuppressWarnings("try") // the scope is used for its close() only
    static Swap swapInto(List<Write> writes) {
        List<NDArray[]> kept = new ArrayList<>(); // {live weight, kept training copy}
        Swap swap = new Swap() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                try (NDScope scope = new NDScope()) {
                    for (NDArray[] pair : kept) {
                        Tensors.copyInto(pair[1], pair[0]);
                        pair[1].close();
                    }
                }
            }
        };
        try (NDScope scope = new NDScope()) {
            for (Write w : writes) {
                kept.add(new NDArray[] {w.live(), Tensors.keepCopy(w.live())});
                w.write().accept(w.live());
            }
        } catch (RuntimeException e) {
            swap.close(); // a failed write leaves the training weights as they were
            throw e;
        }
        return swap;
    }
}
