package org.lookaheadlab.optim;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.lookaheadlab.optim.spec.BaseRecord;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Param;
import org.lookaheadlab.optim.spec.Registry;
import org.lookaheadlab.optim.spec.Values;
import org.lookaheadlab.optim.spec.WrapperRecord;
import org.lookaheadlab.optim.wrap.Lookahead;
import org.lookaheadlab.optim.wrap.TrajectoryLookahead;
import org.lookaheadlab.optim.wrap.WeightTrajectoryLR;

/**
 * Our optimizers by name, as thin shims over the {@link Registry} (the one list of names, hyperparameters and
 * defaults), for callers that hold an optimizer's name and a map rather than an {@link OptimizerSpec}; plus
 * static helpers for the wrappers.
 *
 * <p>Base names, hyperparameters and defaults: {@link Registry#bases()} (see {@link Registry#help()}); ranger =
 * Lookahead(RAdam) with k = 6, α = 0.5. {@code lr} is a number, or a learning-rate schedule: an
 * {@link LrSchedule} or any DJL {@link ParameterTracker} / {@code Tracker}, asked with the parameter's own step
 * t = 1, 2, … (see {@link LrSchedule} for the indexing and {@code BaseOptimizer} for Lookahead's inner-state
 * reset). Wrapper names for {@link #wrap}: {@link Registry#wrappers()} and their aliases (lookahead,
 * trajectory-lookahead / trajectoryLookahead, wtlr / weightTrajectoryLR / weight-trajectory-lr, ema, swa,
 * schedule-free / scheduleFree).
 */
public final class Optimizers {

    private Optimizers() {}

    /** The optimizer names {@link #create} accepts (canonical names of the registry's base optimizers, in order). */
    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        Registry.bases().forEach(r -> names.add(r.name()));
        return Collections.unmodifiableSet(names);
    }

    /** The hyperparameter names accepted for optimizer {@code name}, in the registry's order. */
    public static Set<String> hyperparameters(String name) {
        Set<String> keys = new LinkedHashSet<>();
        Registry.base(name).params().forEach(p -> keys.add(p.name()));
        return Collections.unmodifiableSet(keys);
    }

    /**
     * Creates optimizer {@code name} with hyperparameters {@code hyper} (missing keys take the optimizer's
     * defaults); {@code lr} may be a number or a {@link ParameterTracker} such as an {@link LrSchedule}.
     *
     * @throws IllegalArgumentException for an unknown name, an unknown key, or an out-of-range value
     */
    public static Optimizer create(String name, Map<String, ?> hyper) {
        BaseRecord r = Registry.base(name);
        Map<String, Object> h = new LinkedHashMap<>(hyper == null ? Map.of() : hyper);
        ParameterTracker lr = null;
        if (h.get("lr") instanceof ParameterTracker tracker) {
            lr = tracker;
            h.remove("lr");
        }
        return r.factory().create(Values.of(r, h), lr);
    }

    /** The wrapper names {@link #wrap} accepts (canonical; the aliases are accepted too). */
    public static Set<String> wrapperNames() {
        Set<String> names = new LinkedHashSet<>();
        Registry.wrappers().forEach(r -> names.add(r.name()));
        return Collections.unmodifiableSet(names);
    }

    /**
     * Wraps {@code inner} in wrapper {@code name} with parameters by name. WeightTrajectoryLR's {@code grouping}
     * is {@code tensor} here unless given as a {@link Grouping} object (this method has no model; an
     * {@link OptimizerSpec} built with the model groups by layer).
     */
    public static Optimizer wrap(String name, Optimizer inner, Map<String, ?> params) {
        WrapperRecord r = Registry.wrapper(name);
        Map<String, Object> p = new LinkedHashMap<>(params == null ? Map.of() : params);
        BuildContext context = BuildContext.none();
        Optional<Param> grouping = r.param("grouping");
        if (grouping.isPresent()) {
            Object g = p.get("grouping");
            if (g instanceof Grouping given) {
                p.put("grouping", given.kind());
                context = given.kind().equals("layer") ? new BuildContext(given, 0) : context;
            } else if (g == null) {
                p.put("grouping", "tensor");
            }
        }
        return r.factory().create(Values.of(r, p), inner, context);
    }

    /** Lookahead(inner, k, α, innerState). */
    public static Optimizer lookahead(Optimizer inner, int k, double alpha, InnerState innerState) {
        return Lookahead.builder().setInner(inner).optK(k).optAlpha(alpha).optInnerState(innerState).build();
    }

    /** TrajectoryLookahead(inner, k, m, α, points, innerState). */
    public static Optimizer trajectoryLookahead(Optimizer inner, int k, int m, double alpha, Points points,
            InnerState innerState) {
        return TrajectoryLookahead.builder().setInner(inner).optK(k).optM(m).optAlpha(alpha).optPoints(points)
                .optInnerState(innerState).build();
    }

    /** WeightTrajectoryLR(inner, β, grouping). */
    public static Optimizer weightTrajectoryLR(Optimizer inner, double beta, Grouping grouping) {
        return WeightTrajectoryLR.builder().setInner(inner).optBeta(beta).optGrouping(grouping).build();
    }

    /** Ranger = Lookahead(RAdam(lr), k = 6, α = 0.5). */
    public static Optimizer ranger(double lr) {
        return create("ranger", Map.of("lr", lr));
    }

    /** Looks through wrappers for the first optimizer of type {@code type} ({@link WrappingOptimizer#find}). */
    public static <T> Optional<T> find(Optimizer optimizer, Class<T> type) {
        return WrappingOptimizer.find(optimizer, type);
    }

    /** A stable-name function from a map id → name (for {@link StatefulOptimizer#saveState}). */
    public static Function<String, String> stableNames(Map<String, String> nameById) {
        return nameById::get;
    }
}
