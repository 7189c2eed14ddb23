package org.lookaheadlab.optim.wrap;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.base.BaseOptimizer;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.StateStore;

/**
 * WeightTrajectoryLR: each group's step is damped by how far its weights have travelled from their initial
 * values.
 * <pre>
 * W₀ ← copy of the weights before their first step
 * before each step:  s ← 1 / (1 + β·‖W − W₀‖₂)   (norm over the group: one layer's tensors, or one tensor)
 * θ ← θ_before + s·(θ_after_inner − θ_before)
 * </pre>
 * For an inner optimizer whose step is linear in lr this is running the group at learning rate s·lr, and that
 * is how it is done for our base optimizers (all linear in lr: {@link BaseOptimizer#updateScaled}, no weight
 * copy); any other inner optimizer gets the displacement scaled explicitly as above. β ≥ 0;
 * β = 0 is exactly the inner optimizer. With layer grouping, "before each step" means before this step of every
 * tensor of the layer: parameters are updated one at a time in any order, so the layer's total is measured
 * when its first tensor steps in a round and reused by the others. The current scale of every parameter can be
 * read with {@link #scale}. The state (W₀, step counts, and the totals at save time) resumes bit-exactly when
 * saved between steps.
 */
@SuppressWarnings("try") // NDScope / swap handles are used for their close() only
public class WeightTrajectoryLR extends AbstractWrapper {

    static final String W0 = "w0";
    static final String STEPS = "steps";
    static final String SAVED_ROUND = "savedRound";
    static final String SAVED_TOTAL = "savedGroupTotal";

    private final double beta;
    private final Grouping grouping;
    /** Members of each (group, device). */
    private final Map<String, Set<StateStore.Key>> groups = new HashMap<>();
    /** Per (group, device): {n, Σ‖W − W₀‖² before step n + 1}. */
    private final Map<String, double[]> groupTotals = new HashMap<>();
    private final Map<StateStore.Key, Double> scales = new HashMap<>();

    protected WeightTrajectoryLR(Builder builder) {
        super(builder);
        beta = builder.beta;
        grouping = builder.grouping;
    }

    /** A builder with β = 0 and tensor grouping (set both). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        StateStore.Key key = remember(parameterId, weight);
        Device device = weight.getDevice();
        ParamState state = store.get(parameterId, device);
        if (state.tensor(W0) == null) {
            state.putTensor(W0, weight.duplicate());
        }
        String group = grouping.groupOf(parameterId) + "@" + device;
        groups.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(key);
        long n = state.getLong(STEPS, 0);
        if (beta == 0) {
            state.setLong(STEPS, n + 1);
            scales.put(key, 1.0);
            inner.update(parameterId, weight, grad);
            return;
        }
        try (NDScope scope = new NDScope()) {
            double s = 1 / (1 + beta * Math.sqrt(groupSquaredDisplacement(group, state, n)));
            state.setLong(STEPS, n + 1);
            scales.put(key, s);
            if (inner instanceof BaseOptimizer) {
                ((BaseOptimizer) inner).updateScaled(parameterId, weight, grad, s);
            } else {
                NDArray before = weight.duplicate();
                inner.update(parameterId, weight, grad);
                if (s != 1) {
                    weight.subi(before).muli(s).addi(before);
                }
            }
        }
    }

    /**
     * Σ‖W − W₀‖² over the group before its step n + 1. Within a round every member sees the same pre-step total,
     * so it is computed once, when the first member of the group steps (all members still hold their pre-step
     * weights), and reused by the others. Right after a state load the members not met yet in this process have
     * no live weight here: the total saved with the state (measured at save time) is used instead.
     */
    private double groupSquaredDisplacement(String group, ParamState state, long n) {
        double[] cached = groupTotals.get(group);
        if (cached != null && cached[0] == n) {
            return cached[1];
        }
        double total;
        if (state.getLong(SAVED_ROUND, -1) == n && !groupTotals.containsKey(group)) {
            total = state.getDouble(SAVED_TOTAL, 0);
        } else {
            total = groupTotal(groups.get(group));
        }
        groupTotals.put(group, new double[] {n, total});
        return total;
    }

    /**
     * Σ‖W − W₀‖² over the members, summed in ascending order of the terms so that the result does not depend on
     * the order in which parameters were met (DJL's update order differs between processes).
     */
    private double groupTotal(Set<StateStore.Key> members) {
        double[] terms = new double[members.size()];
        int i = 0;
        for (StateStore.Key member : members) {
            terms[i++] = squaredDisplacement(member);
        }
        java.util.Arrays.sort(terms);
        double total = 0;
        for (double term : terms) {
            total += term;
        }
        return total;
    }

    /** ‖W − W₀‖² of one member from its live weight (0 if unknown). */
    private double squaredDisplacement(StateStore.Key member) {
        ParamState s = store.peek(member.id(), member.device());
        NDArray live = weights.get(member);
        if (s == null || live == null || s.tensor(W0) == null) {
            return 0;
        }
        try (NDScope scope = new NDScope()) {
            return live.sub(s.tensor(W0)).square().sum().toArray()[0].doubleValue();
        }
    }

    /** Also records each group's current total ‖W − W₀‖² (the pre-step total of the next round). */
    @Override
    public void saveState(java.io.OutputStream out, java.util.function.Function<String, String> stableName) {
        for (Map.Entry<String, Set<StateStore.Key>> g : groups.entrySet()) {
            double total = groupTotal(g.getValue());
            for (StateStore.Key member : g.getValue()) {
                ParamState s = store.peek(member.id(), member.device());
                s.setLong(SAVED_ROUND, s.getLong(STEPS, 0));
                s.setDouble(SAVED_TOTAL, total);
            }
        }
        super.saveState(out, stableName);
    }

    /** β. */
    public double beta() {
        return beta;
    }

    /** The grouping. */
    public Grouping grouping() {
        return grouping;
    }

    /** The scale s used at the last step of a parameter (first device), or empty if never updated. */
    public OptionalDouble scale(String parameterId) {
        for (Map.Entry<StateStore.Key, Double> e : scales.entrySet()) {
            if (e.getKey().id().equals(parameterId)) {
                return OptionalDouble.of(e.getValue());
            }
        }
        return OptionalDouble.empty();
    }

    /** The scales used at the last step of every parameter seen (by parameter id; first device). */
    public Map<String, Double> scales() {
        Map<String, Double> out = new HashMap<>();
        scales.forEach((k, v) -> out.putIfAbsent(k.id(), v));
        return out;
    }

    @Override
    protected void onStateLoaded() {
        groups.clear();
        groupTotals.clear();
        scales.clear();
    }

    /** Builder of {@link WeightTrajectoryLR}. */
    public static final class Builder extends WrapperBuilder<Builder> {
        double beta;
        Grouping grouping = Grouping.tensor();

        Builder() {}

        /** β ∈ [0, ∞). */
        public Builder optBeta(double beta) {
            this.beta = Check.nonNegative("beta", beta);
            return this;
        }

        /** Grouping of tensors for the norm (default: per tensor). */
        public Builder optGrouping(Grouping grouping) {
            Check.that(grouping != null, "grouping", null, "Grouping.tensor() or Grouping.layer(...)");
            this.grouping = grouping;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds. */
        public WeightTrajectoryLR build() {
            return new WeightTrajectoryLR(this);
        }
    }
}
