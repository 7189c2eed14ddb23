package org.lookaheadlab.optim.wrap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.base.BaseOptimizer;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.StateStore;
import org.lookaheadlab.optim.state.Tensors;
import ai.djl.ndarray.types.DataType;
import org.lookaheadlab.optim.batched.BatchedBase;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.BatchedWrapper;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;

/**
 * WeightTrajectoryLR: each group's step is damped by how far its weights have travelled from their initial
 * values.
 * <pre>
 * W₀ ← copy of the weights before their first step
 * before each step:  s ← 1 / (1 + β·‖W − W₀‖₂)   (norm over the group: one layer's tensors, or one tensor)
 * θ ← θ_before + s·(θ_after_inner − θ_before)
 * </pre>
 * For an inner optimizer whose step is linear in lr this is running the group at learning rate s·lr, and that
 * is how it is done for our base optimizers that are ({@link BaseOptimizer#isLinearInLr}, all but the
 * schedule-free ones: {@link BaseOptimizer#updateScaled}, no weight copy); any other inner optimizer gets the
 * displacement scaled explicitly as above. β ≥ 0;
 * β = 0 is exactly the inner optimizer. With layer grouping, "before each step" means before this step of every
 * tensor of the layer: parameters are updated one at a time in any order, so the layer's total is measured
 * when its first tensor steps in a round and reused by the others. The current scale of every parameter can be
 * read with {@link #scale}. The state (W₀, step counts, and the totals at save time) resumes bit-exactly when
 * saved between steps. ‖W − W₀‖² is {@link Tensors#squaredDistance} per tensor (for float32 on the CPU a Java
 * loop over the engine's memory of W and a host copy of W₀ taken once, summed in float64; otherwise the engine's
 * op chain), the group's terms added in ascending order.
 */
@SuppressWarnings("try") // NDScope / swap handles are used for their close() only
public class WeightTrajectoryLR extends AbstractWrapper {

    static final String W0 = "w0";
    static final String STEPS = "steps";
    static final String SAVED_ROUND = "savedRound";
    static final String SAVED_TOTAL = "savedGroupTotal";

    private final double beta;
    private final Grouping grouping;
    /** Every (group, device), by name ({@code group@device}). */
    private final Map<String, Group> groups = new HashMap<>();
    /** Every member seen since the last state load, in first-seen order. */
    private final Map<StateStore.Key, Member> members = new LinkedHashMap<>();

    /**
     * One (parameter, device): its group (resolved once), the scale of its last step, and, for float32 on the
     * CPU, a host copy of W₀'s values (W₀ never changes once captured, so each step reads only W from the engine).
     */
    static final class Member extends Slot {
        Group group;
        double scale = Double.NaN;
        /** The W₀ tensor {@link #w0Values} was read from (a loaded state brings a new one). */
        private NDArray w0Source;
        /** W₀'s values, or null when W₀ or W is not float32 on the CPU. */
        private float[] w0Values;

        Member(StateStore.Key key, ParamState state) {
            super(key, state);
        }

        /** ‖W − W₀‖² of the live weight, {@link Tensors#squaredDistance} (bit-identical either way). */
        double squaredDisplacement(NDArray w0) {
            if (w0 != w0Source) {
                w0Source = w0;
                w0Values = Tensors.isCpuFloat32(w0) ? Tensors.floatValues(w0) : null;
            }
            if (w0Values != null && Tensors.isCpuFloat32(weight)) {
                return Tensors.squaredDistance(weight, w0Values);
            }
            return Tensors.squaredDistance(weight, w0);
        }
    }

    /** One (group, device): its members and its total Σ‖W − W₀‖² measured before step {@code round + 1}. */
    static final class Group {
        final List<Member> members = new ArrayList<>();
        /** Scratch for the members' terms (one per member). */
        double[] terms = new double[0];
        long round = -1;
        double total;
        boolean measured;
    }

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
    Slot newSlot(StateStore.Key key, ParamState state) {
        return new Member(key, state);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Member member = (Member) slot(parameterId, weight);
        ParamState state = member.state;
        if (state.tensor(W0) == null) {
            state.putTensor(W0, weight.duplicate());
        }
        if (member.group == null) {
            String name = grouping.groupOf(parameterId) + "@" + member.key.device();
            member.group = groups.computeIfAbsent(name, g -> new Group());
            member.group.members.add(member); // once per member: its group was null until now
            members.put(member.key, member);
        }
        long n = state.getLong(STEPS, 0);
        if (beta == 0) {
            state.setLong(STEPS, n + 1);
            member.scale = 1.0;
            inner.update(parameterId, weight, grad);
            return;
        }
        double s = 1 / (1 + beta * Math.sqrt(groupSquaredDisplacement(member.group, state, n)));
        state.setLong(STEPS, n + 1);
        member.scale = s;
        if (inner instanceof BaseOptimizer base && base.isLinearInLr()) {
            base.updateScaled(parameterId, weight, grad, s);
        } else {
            try (NDScope scope = new NDScope()) {
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
    private double groupSquaredDisplacement(Group group, ParamState state, long n) {
        if (group.round == n) {
            return group.total;
        }
        double total;
        if (state.getLong(SAVED_ROUND, -1) == n && !group.measured) {
            total = state.getDouble(SAVED_TOTAL, 0);
        } else {
            total = groupTotal(group);
        }
        group.round = n;
        group.total = total;
        group.measured = true;
        return total;
    }

    /**
     * Σ‖W − W₀‖² over the members, summed in ascending order of the terms so that the result does not depend on
     * the order in which parameters were met (DJL's update order differs between processes). Each term is
     * {@link Tensors#squaredDistance} of the live weight and W₀.
     */
    private static double groupTotal(Group group) {
        List<Member> members = group.members;
        if (group.terms.length != members.size()) {
            group.terms = new double[members.size()];
        }
        double[] terms = group.terms;
        for (int i = 0; i < terms.length; i++) {
            Member member = members.get(i);
            NDArray w0 = member.state.tensor(W0);
            terms[i] = member.weight == null || w0 == null ? 0 : member.squaredDisplacement(w0);
        }
        if (terms.length == 1) {
            return terms[0];
        }
        Arrays.sort(terms);
        double total = 0;
        for (double term : terms) {
            total += term;
        }
        return total;
    }

    /** Also records each group's current total ‖W − W₀‖² (the pre-step total of the next round). */
    @Override
    public void saveState(java.io.OutputStream out, java.util.function.Function<String, String> stableName) {
        for (Group g : groups.values()) {
            double total = groupTotal(g);
            for (Member member : g.members) {
                ParamState s = member.state;
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
        for (Member member : members.values()) {
            if (member.key.id().equals(parameterId) && !Double.isNaN(member.scale)) {
                return OptionalDouble.of(member.scale);
            }
        }
        return OptionalDouble.empty();
    }

    /** The scales used at the last step of every parameter seen (by parameter id; first device). */
    public Map<String, Double> scales() {
        Map<String, Double> out = new HashMap<>();
        for (Member member : members.values()) {
            if (!Double.isNaN(member.scale)) {
                out.putIfAbsent(member.key.id(), member.scale);
            }
        }
        return out;
    }

    @Override
    protected void onStateLoaded() {
        groups.clear();
        members.clear();
    }

    /** Also drops the groups and the host copies of W₀. */
    @Override
    public void close() {
        groups.clear();
        members.clear();
        super.close();
    }

    /** The batched form of R runs' WeightTrajectoryLR around their batched inner rule. */
    public static BatchedRule batched(List<WeightTrajectoryLR> runs, BatchedRule inner) {
        return new Batched(runs, inner);
    }

    /**
     * The rule above for R runs at once, each with its own β: ‖W − W₀‖₂ is taken per run (over every axis but the
     * run axis, and over the group's tensors), so each run's scale s_r is its own; the grouping must be the same
     * in every run. The group's total is measured when its first member steps in a round, as above; each run's
     * terms are added in ascending order.
     */
    static final class Batched extends BatchedWrapper {
        private final double[] beta;
        private final boolean allZero;
        private final Grouping grouping;
        private final Map<String, BatchedGroup> groups = new HashMap<>();
        private final Map<StateStore.Key, BatchedMember> members = new HashMap<>();

        /** One (parameter, device): its group and the number of its steps. */
        private static final class BatchedMember {
            final StateStore.Key key;
            final BatchedGroup group;
            long steps;

            BatchedMember(StateStore.Key key, BatchedGroup group) {
                this.key = key;
                this.group = group;
            }
        }

        /** One (group, device): its members and each run's total measured before step {@code round + 1}. */
        private static final class BatchedGroup {
            final List<BatchedMember> members = new ArrayList<>();
            long round = -1;
            double[] total;
            boolean measured;
        }

        Batched(List<WeightTrajectoryLR> runs, BatchedRule inner) {
            super(inner);
            same(runs, o -> o.grouping().kind(), "grouping", "WeightTrajectoryLR");
            beta = runs.stream().mapToDouble(WeightTrajectoryLR::beta).toArray();
            allZero = Runs.allEqual(beta, 0);
            grouping = runs.get(0).grouping();
        }

        @Override
        public void update(String parameterId, NDArray weight, NDArray grad) {
            RunState state = state(parameterId, weight);
            state.tensor(W0, weight::duplicate);
            StateStore.Key key = new StateStore.Key(parameterId, weight.getDevice());
            BatchedMember member = members.get(key);
            if (member == null) {
                String name = grouping.groupOf(parameterId) + "@" + weight.getDevice();
                BatchedGroup group = groups.computeIfAbsent(name, g -> new BatchedGroup());
                member = new BatchedMember(key, group);
                long[] saved = state.longsIfPresent(STEPS); // a loaded state's step count
                member.steps = saved == null ? 0 : saved[0];
                group.members.add(member);
                members.put(key, member);
            }
            long n = member.steps;
            member.steps = n + 1;
            if (allZero) {
                inner.update(parameterId, weight, grad);
                return;
            }
            double[] total = groupTotal(member.group, state, n);
            double[] scale = new double[runs];
            for (int r = 0; r < runs; r++) {
                scale[r] = 1 / (1 + beta[r] * Math.sqrt(total[r]));
            }
            if (inner instanceof BatchedBase base && base.isLinearInLr()) {
                base.updateScaled(parameterId, weight, grad, scale);
            } else {
                NDArray before = weight.duplicate();
                inner.update(parameterId, weight, grad);
                weight.subi(before).muli(Runs.column(scale, weight)).addi(before);
            }
        }

        /**
         * Each run's Σ‖W − W₀‖² over the group before its step n + 1 (measured once per round; right after a state
         * load, the totals saved with it, as above).
         */
        private double[] groupTotal(BatchedGroup group, RunState state, long n) {
            if (group.round == n) {
                return group.total;
            }
            long[] savedRound = state.longsIfPresent(SAVED_ROUND);
            double[] total = savedRound != null && savedRound[0] == n && !group.measured
                    ? state.doublesIfPresent(SAVED_TOTAL).clone() : measure(group);
            group.round = n;
            group.total = total;
            group.measured = true;
            return total;
        }

        /** Each run's Σ‖W − W₀‖² over the group's members met so far, each run's terms in ascending order. */
        private double[] measure(BatchedGroup group) {
            List<double[]> terms = new ArrayList<>();
            for (BatchedMember m : group.members) {
                NDArray w = live.get(m.key);
                NDArray w0 = peek(m.key.id(), m.key.device()).tensor(W0);
                terms.add(Runs.perRunSum(w.sub(w0).toType(DataType.FLOAT64, false).square()).toDoubleArray());
            }
            double[] total = new double[runs];
            double[] perRun = new double[terms.size()];
            for (int r = 0; r < runs; r++) {
                for (int i = 0; i < perRun.length; i++) {
                    perRun[i] = terms.get(i)[r];
                }
                Arrays.sort(perRun);
                double sum = 0;
                for (double term : perRun) {
                    sum += term;
                }
                total[r] = sum;
            }
            return total;
        }

        /** Records each member's step count and its group's current totals (the next round's), as above. */
        @Override
        protected void beforeSave() {
            for (BatchedGroup g : groups.values()) {
                double[] total = measure(g);
                for (BatchedMember m : g.members) {
                    RunState s = peek(m.key.id(), m.key.device());
                    Arrays.fill(s.longs(STEPS), m.steps);
                    Arrays.fill(s.longs(SAVED_ROUND), m.steps);
                    System.arraycopy(total, 0, s.doubles(SAVED_TOTAL, 0), 0, runs);
                }
            }
        }

        @Override
        protected void onStateLoaded() {
            groups.clear();
            members.clear();
        }
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
