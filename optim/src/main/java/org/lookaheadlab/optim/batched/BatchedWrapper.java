package org.lookaheadlab.optim.batched;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lookaheadlab.optim.state.StateFormat;

/**
 * The batched form of a wrapper ({@link org.lookaheadlab.optim.wrap.AbstractWrapper}): its inner rule, its own
 * per-run state, and delegation of the inner-state questions to the inner rule.
 */
public abstract class BatchedWrapper extends BatchedRule {

    protected final BatchedRule inner;

    protected BatchedWrapper(BatchedRule inner) {
        super(inner.runs());
        this.inner = inner;
    }

    /**
     * Each run's value of a setting that the batched rule needs equal across runs (a choice such as
     * {@code innerState}): the common value.
     *
     * @throws IllegalArgumentException one line naming the setting, the values that differ and what to do
     */
    protected static <S, V> V same(List<S> solos, Function<S, V> getter, String name, String owner) {
        V first = getter.apply(solos.get(0));
        for (int r = 1; r < solos.size(); r++) {
            V v = getter.apply(solos.get(r));
            if (!first.equals(v)) {
                throw new IllegalArgumentException(name + " of " + owner + " differs across the batched runs (run 0: "
                        + text(first) + ", run " + r + ": " + text(v) + "); accepted: the same " + name
                        + " in every run (group the runs by it)");
            }
        }
        return first;
    }

    private static String text(Object v) {
        return v instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : String.valueOf(v);
    }

    @Override
    void collectStates(String parameterId, Device device, List<RunState> out) {
        super.collectStates(parameterId, device, out);
        inner.collectStates(parameterId, device, out);
    }

    @Override
    byte[] innerBlock(Function<String, String> stableName) {
        return StateFormat.toBytes(o -> inner.save(o, stableName));
    }

    @Override
    void loadInner(byte[] block, Function<String, String> stableName, NDManager manager) {
        if (block == null) {
            throw new IllegalArgumentException("corrupt optimizer state of a " + kind() + ": it has no inner block");
        }
        inner.load(StateFormat.fromBytes(block), stableName, manager);
    }

    @Override
    public BatchedBase base() {
        return inner.base();
    }

    @Override
    public boolean hasMomentumBuffers() {
        return inner.hasMomentumBuffers();
    }

    @Override
    public Map<String, NDArray> momentumBuffers(String parameterId, Device device) {
        return inner.momentumBuffers(parameterId, device);
    }

    @Override
    public void resetRuns(String parameterId, Device device, boolean[] reset) {
        inner.resetRuns(parameterId, device, reset);
    }

    @Override
    public void close() {
        super.close();
        inner.close();
    }
}
