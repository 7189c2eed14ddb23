package org.lookaheadlab.optim.batched;

import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.lookaheadlab.optim.WrappingOptimizer;
import org.lookaheadlab.optim.base.AbstractAdam;
import org.lookaheadlab.optim.base.AdaBound;
import org.lookaheadlab.optim.base.Adagrad;
import org.lookaheadlab.optim.base.Adam;
import org.lookaheadlab.optim.base.AdamW;
import org.lookaheadlab.optim.base.AdamWScheduleFree;
import org.lookaheadlab.optim.base.NAdam;
import org.lookaheadlab.optim.base.NovoGrad;
import org.lookaheadlab.optim.base.RAdam;
import org.lookaheadlab.optim.base.RmsProp;
import org.lookaheadlab.optim.base.Sgd;
import org.lookaheadlab.optim.base.SgdScheduleFree;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.wrap.Ema;
import org.lookaheadlab.optim.wrap.Lookahead;
import org.lookaheadlab.optim.wrap.ScheduleFree;
import org.lookaheadlab.optim.wrap.Swa;
import org.lookaheadlab.optim.wrap.TrajectoryLookahead;
import org.lookaheadlab.optim.wrap.WeightTrajectoryLR;

/**
 * Makes the {@link BatchedOptimizer} of R runs from their R optimizer specs.
 *
 * <p>Each run's spec is built into its solo optimizer first (so every builder check applies, and each run's
 * hyperparameters are read back from its validated optimizer); the R solo optimizers, which must be of the same
 * classes at every level of the chain, are then turned into one chain of batched rules, each the nested
 * {@code Batched} form beside its solo class. Registry records that build the same classes batch together
 * ({@code ranger} is {@code lookahead(radam, k=6)}).
 *
 * <p><b>Per-run values.</b> Every real hyperparameter, every integer one (Lookahead's and TrajectoryLookahead's k
 * and m, the averages' start and every, schedule-free warm-up steps) and every boolean one (Nesterov, AMSGrad,
 * centered) may differ between runs (integers and booleans by per-run masks), and so may the learning-rate
 * schedules. Choices must be the same in every run, else {@code create} refuses with one line (the caller groups
 * runs by them): Lookahead's {@code innerState}, TrajectoryLookahead's {@code points}, WeightTrajectoryLR's
 * {@code grouping}.
 */
public final class BatchedOptimizers {

    /** Batched rules of the base optimizers, by the solo class. */
    private static final Map<Class<?>, Function<List<Optimizer>, BatchedRule>> BASES = new LinkedHashMap<>();
    /** Batched rules of the wrappers, by the solo class, given the batched inner rule. */
    private static final Map<Class<?>, BiFunction<List<Optimizer>, BatchedRule, BatchedRule>> WRAPPERS =
            new LinkedHashMap<>();

    static {
        BASES.put(Sgd.class, l -> Sgd.batched(cast(l, Sgd.class)));
        BASES.put(Adam.class, l -> AbstractAdam.batched(cast(l, AbstractAdam.class)));
        BASES.put(AdamW.class, l -> AbstractAdam.batched(cast(l, AbstractAdam.class)));
        BASES.put(NAdam.class, l -> NAdam.batched(cast(l, NAdam.class)));
        BASES.put(RmsProp.class, l -> RmsProp.batched(cast(l, RmsProp.class)));
        BASES.put(Adagrad.class, l -> Adagrad.batched(cast(l, Adagrad.class)));
        BASES.put(RAdam.class, l -> RAdam.batched(cast(l, RAdam.class)));
        BASES.put(NovoGrad.class, l -> NovoGrad.batched(cast(l, NovoGrad.class)));
        BASES.put(AdaBound.class, l -> AdaBound.batched(cast(l, AdaBound.class)));
        BASES.put(AdamWScheduleFree.class, l -> AdamWScheduleFree.batched(cast(l, AdamWScheduleFree.class)));
        BASES.put(SgdScheduleFree.class, l -> SgdScheduleFree.batched(cast(l, SgdScheduleFree.class)));
        WRAPPERS.put(Lookahead.class, (l, inner) -> Lookahead.batched(cast(l, Lookahead.class), inner));
        WRAPPERS.put(TrajectoryLookahead.class,
                (l, inner) -> TrajectoryLookahead.batched(cast(l, TrajectoryLookahead.class), inner));
        WRAPPERS.put(WeightTrajectoryLR.class,
                (l, inner) -> WeightTrajectoryLR.batched(cast(l, WeightTrajectoryLR.class), inner));
        WRAPPERS.put(Ema.class, (l, inner) -> Ema.batched(cast(l, Ema.class), inner));
        WRAPPERS.put(Swa.class, (l, inner) -> Swa.batched(cast(l, Swa.class), inner));
        WRAPPERS.put(ScheduleFree.class, (l, inner) -> ScheduleFree.batched(cast(l, ScheduleFree.class), inner));
    }

    private BatchedOptimizers() {}

    /**
     * The batched optimizer of {@code specs.size()} runs, run r following {@code specs.get(r)}.
     *
     * @param totalSteps the run's length, the horizon of schedules that anneal over the run (0 if unknown)
     * @throws IllegalArgumentException (one clear line) when the specs differ in structure (names/nesting) in a
     *     way that cannot be batched, or name an optimizer without a batched rule
     */
    public static BatchedOptimizer create(List<OptimizerSpec> specs, long totalSteps) {
        return create(specs, new BuildContext(null, totalSteps));
    }

    /** As {@link #create(List, long)}, with the model's layers (WeightTrajectoryLR's {@code grouping = layer}). */
    public static BatchedOptimizer create(List<OptimizerSpec> specs, BuildContext context) {
        if (specs == null || specs.isEmpty()) {
            throw new IllegalArgumentException("specs = " + specs + " is out of range; accepted: one spec per run"
                    + " (at least one)");
        }
        for (int r = 0; r < specs.size(); r++) {
            if (specs.get(r) == null) {
                throw new IllegalArgumentException("specs[" + r + "] = null is out of range; accepted: a spec");
            }
        }
        checkStructure(specs);
        List<Optimizer> solos = new ArrayList<>();
        try {
            for (int r = 0; r < specs.size(); r++) {
                try {
                    solos.add(specs.get(r).build(context));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("run " + r + " (" + specs.get(r) + "): " + e.getMessage()
                            + (e.getMessage().contains("grouping = layer") ? " (batched: BatchedOptimizers.create(specs,"
                                    + " BuildContext.of(block, totalSteps)))" : ""), e);
                }
            }
            return new RuleOptimizer(batched(solos));
        } finally {
            solos.forEach(BatchedOptimizers::close);
        }
    }

    /** The names of every level of the chains must agree. */
    private static void checkStructure(List<OptimizerSpec> specs) {
        List<String> first = names(specs.get(0));
        for (int r = 1; r < specs.size(); r++) {
            List<String> names = names(specs.get(r));
            if (!names.equals(first)) {
                throw new IllegalArgumentException("specs differ in structure: run 0 is " + String.join("(", first)
                        + " and run " + r + " is " + String.join("(", names) + " (" + specs.get(0) + " vs "
                        + specs.get(r) + "); accepted: the same optimizers nested the same way in every run,"
                        + " only their values differing");
            }
        }
    }

    private static List<String> names(OptimizerSpec spec) {
        return spec.chain().stream().map(OptimizerSpec::name).toList();
    }

    /**
     * The batched rule of R solo optimizers of the same classes (at every level of the chain).
     *
     * @throws IllegalArgumentException if the classes differ or one has no batched rule
     */
    static BatchedRule batched(List<Optimizer> solos) {
        Class<?> type = solos.get(0).getClass();
        for (int r = 1; r < solos.size(); r++) {
            if (solos.get(r).getClass() != type) {
                throw new IllegalArgumentException("optimizers differ in structure: run 0 is "
                        + type.getSimpleName() + " and run " + r + " is " + solos.get(r).getClass().getSimpleName()
                        + "; accepted: the same optimizers nested the same way in every run");
            }
        }
        Function<List<Optimizer>, BatchedRule> base = BASES.get(type);
        if (base != null) {
            return base.apply(solos);
        }
        BiFunction<List<Optimizer>, BatchedRule, BatchedRule> wrapper = WRAPPERS.get(type);
        if (wrapper != null) {
            List<Optimizer> inners = solos.stream().map(o -> ((WrappingOptimizer) o).inner()).toList();
            return wrapper.apply(solos, batched(inners));
        }
        throw new IllegalArgumentException("optimizer " + type.getName() + " has no batched rule; accepted: "
                + String.join(", ", BASES.keySet().stream().map(Class::getSimpleName).toList()) + "; wrappers: "
                + String.join(", ", WRAPPERS.keySet().stream().map(Class::getSimpleName).toList()));
    }

    private static <T> List<T> cast(List<Optimizer> solos, Class<T> type) {
        return solos.stream().map(type::cast).toList();
    }

    private static void close(Optimizer o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close a solo optimizer built for its settings", e);
            }
        }
    }
}
