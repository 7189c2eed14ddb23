package org.lookaheadlab.optim;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lookaheadlab.optim.base.AdaBound;
import org.lookaheadlab.optim.base.Adagrad;
import org.lookaheadlab.optim.base.Adam;
import org.lookaheadlab.optim.base.AdamBuilder;
import org.lookaheadlab.optim.base.AdamW;
import org.lookaheadlab.optim.base.BaseBuilder;
import org.lookaheadlab.optim.base.MomentBuilder;
import org.lookaheadlab.optim.base.NAdam;
import org.lookaheadlab.optim.base.NovoGrad;
import org.lookaheadlab.optim.base.RAdam;
import org.lookaheadlab.optim.base.RmsProp;
import org.lookaheadlab.optim.base.Sgd;
import org.lookaheadlab.optim.wrap.Lookahead;
import org.lookaheadlab.optim.wrap.TrajectoryLookahead;
import org.lookaheadlab.optim.wrap.WeightTrajectoryLR;

/**
 * Registry of our optimizers by name, with hyperparameters by name (the names of
 * {@code ../shared/specs/optimizers.md} and the reference trajectories), and static helpers for the wrappers.
 *
 * <p>Base names: sgd, adam, adamw, rmsprop, adagrad, radam, nadam, novograd, adabound; and ranger =
 * Lookahead(RAdam) with k = 6, α = 0.5. Every base accepts {@code lr, weightDecay, clipGrad} plus its own keys.
 * {@code lr} is a number, or a learning-rate schedule: an {@link LrSchedule} or any DJL
 * {@link ParameterTracker} / {@code Tracker}, asked with the parameter's own step t = 1, 2, … (see
 * {@link LrSchedule} for the indexing and {@code BaseOptimizer} for Lookahead's inner-state reset).
 * Wrapper names for {@link #wrap}: lookahead (k, alpha, innerState), trajectoryLookahead (k, m, alpha, points,
 * innerState), weightTrajectoryLR (beta; grouping is tensor unless given as a {@link Grouping} object).
 */
public final class Optimizers {

    private interface Factory {
        Optimizer create(Hyper h);
    }

    private static final Set<String> COMMON = Set.of("lr", "weightDecay", "clipGrad");
    private static final Map<String, Set<String>> KEYS = new LinkedHashMap<>();
    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();
    private static final Map<String, Set<String>> WRAP_KEYS = new LinkedHashMap<>();

    static {
        register("sgd", keys("momentum", "dampening", "nesterov"), h -> {
            Sgd.Builder b = common(Sgd.builder(), h);
            h.number("momentum", b::optMomentum);
            h.number("dampening", b::optDampening);
            h.bool("nesterov", b::optNesterov);
            return b.build();
        });
        register("adam", keys("beta1", "beta2", "eps", "amsgrad"), h -> {
            Adam.Builder b = common(Adam.builder(), h);
            adamKeys(b, h);
            return b.build();
        });
        register("adamw", keys("beta1", "beta2", "eps", "amsgrad"), h -> {
            AdamW.Builder b = common(AdamW.builder(), h);
            adamKeys(b, h);
            return b.build();
        });
        register("rmsprop", keys("rho", "eps", "momentum", "centered"), h -> {
            RmsProp.Builder b = common(RmsProp.builder(), h);
            h.number("rho", b::optRho);
            h.number("eps", b::optEpsilon);
            h.number("momentum", b::optMomentum);
            h.bool("centered", b::optCentered);
            return b.build();
        });
        register("adagrad", keys("eps", "lrDecay", "initialAccumulator"), h -> {
            Adagrad.Builder b = common(Adagrad.builder(), h);
            h.number("eps", b::optEpsilon);
            h.number("lrDecay", b::optLrDecay);
            h.number("initialAccumulator", b::optInitialAccumulator);
            return b.build();
        });
        register("radam", keys("beta1", "beta2", "eps"), Optimizers::radam);
        register("nadam", keys("beta1", "beta2", "eps", "momentumDecay"), h -> {
            NAdam.Builder b = common(NAdam.builder(), h);
            momentKeys(b, h);
            h.number("momentumDecay", b::optMomentumDecay);
            return b.build();
        });
        register("novograd", keys("beta1", "beta2", "eps"), h -> {
            NovoGrad.Builder b = common(NovoGrad.builder(), h);
            momentKeys(b, h);
            return b.build();
        });
        register("adabound", keys("beta1", "beta2", "eps", "finalLr", "gamma"), h -> {
            AdaBound.Builder b = common(AdaBound.builder(), h);
            momentKeys(b, h);
            h.number("finalLr", b::optFinalLr);
            h.number("gamma", b::optGamma);
            return b.build();
        });
        register("ranger", keys("beta1", "beta2", "eps", "k", "alpha", "innerState"), h -> {
            Lookahead.Builder b = Lookahead.builder().setInner(radam(h)).optK(6).optAlpha(0.5);
            lookaheadKeys(b, h);
            return b.build();
        });
        WRAP_KEYS.put("lookahead", Set.of("k", "alpha", "innerState"));
        WRAP_KEYS.put("trajectoryLookahead", Set.of("k", "m", "alpha", "points", "innerState"));
        WRAP_KEYS.put("weightTrajectoryLR", Set.of("beta", "grouping"));
    }

    private Optimizers() {}

    private static Set<String> keys(String... own) {
        Set<String> all = new LinkedHashSet<>(COMMON);
        all.addAll(Arrays.asList(own));
        return all;
    }

    private static void register(String name, Set<String> keys, Factory factory) {
        KEYS.put(name, Collections.unmodifiableSet(keys));
        FACTORIES.put(name, factory);
    }

    private static <T extends BaseBuilder<T>> T common(T builder, Hyper h) {
        if (!h.instance("lr", ParameterTracker.class, builder::optLearningRateTracker)) {
            h.number("lr", builder::optLearningRate);
        }
        h.number("weightDecay", builder::optWeightDecay);
        h.number("clipGrad", c -> builder.optClipGrad((float) c));
        return builder;
    }

    private static <T extends MomentBuilder<T>> void momentKeys(T b, Hyper h) {
        h.number("beta1", b::optBeta1);
        h.number("beta2", b::optBeta2);
        h.number("eps", b::optEpsilon);
    }

    private static <T extends AdamBuilder<T>> void adamKeys(T b, Hyper h) {
        momentKeys(b, h);
        h.bool("amsgrad", b::optAmsgrad);
    }

    private static void lookaheadKeys(Lookahead.Builder b, Hyper h) {
        h.integer("k", b::optK);
        h.number("alpha", b::optAlpha);
        h.text("innerState", s -> b.optInnerState(InnerState.parse(s)));
    }

    private static Optimizer radam(Hyper h) {
        RAdam.Builder b = common(RAdam.builder(), h);
        momentKeys(b, h);
        return b.build();
    }

    /** The optimizer names {@link #create} accepts. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /** The hyperparameter names accepted for optimizer {@code name}. */
    public static Set<String> hyperparameters(String name) {
        return KEYS.get(checkName(name));
    }

    private static String checkName(String name) {
        if (!FACTORIES.containsKey(name)) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; accepted: " + FACTORIES.keySet());
        }
        return name;
    }

    /**
     * Creates optimizer {@code name} with hyperparameters {@code hyper} (missing keys take the optimizer's
     * defaults); {@code lr} may be a number or a {@link ParameterTracker} such as an {@link LrSchedule}.
     *
     * @throws IllegalArgumentException for an unknown name, an unknown key, or an out-of-range value
     */
    public static Optimizer create(String name, Map<String, ?> hyper) {
        checkName(name);
        return FACTORIES.get(name).create(new Hyper(name, hyper, KEYS.get(name)));
    }

    /** The wrapper names {@link #wrap} accepts. */
    public static Set<String> wrapperNames() {
        return Collections.unmodifiableSet(WRAP_KEYS.keySet());
    }

    /**
     * Wraps {@code inner} in wrapper {@code name} (lookahead, trajectoryLookahead, weightTrajectoryLR) with
     * parameters by name.
     */
    public static Optimizer wrap(String name, Optimizer inner, Map<String, ?> params) {
        Set<String> accepted = WRAP_KEYS.get(name);
        if (accepted == null) {
            throw new IllegalArgumentException("unknown wrapper '" + name + "'; accepted: " + WRAP_KEYS.keySet());
        }
        Hyper h = new Hyper(name, params, accepted);
        switch (name) {
            case "lookahead": {
                Lookahead.Builder b = Lookahead.builder().setInner(inner);
                lookaheadKeys(b, h);
                return b.build();
            }
            case "trajectoryLookahead": {
                TrajectoryLookahead.Builder b = TrajectoryLookahead.builder().setInner(inner);
                h.integer("k", b::optK);
                h.integer("m", b::optM);
                h.number("alpha", b::optAlpha);
                h.text("points", s -> b.optPoints(Points.parse(s)));
                h.text("innerState", s -> b.optInnerState(InnerState.parse(s)));
                return b.build();
            }
            default: {
                WeightTrajectoryLR.Builder b = WeightTrajectoryLR.builder().setInner(inner);
                h.number("beta", b::optBeta);
                Object g = params == null ? null : params.get("grouping");
                if (g instanceof Grouping) {
                    b.optGrouping((Grouping) g);
                } else if (g != null && !"tensor".equals(g.toString())) {
                    throw new IllegalArgumentException("grouping = '" + g + "' is out of range; accepted: tensor,"
                            + " or a Grouping object (layer grouping needs the model: Grouping.layer(block))");
                }
                return b.build();
            }
        }
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

    /** Looks through wrappers for the first optimizer of type {@code type}. */
    public static <T> java.util.Optional<T> find(Optimizer optimizer, Class<T> type) {
        Optimizer current = optimizer;
        while (current != null) {
            if (type.isInstance(current)) {
                return java.util.Optional.of(type.cast(current));
            }
            current = current instanceof WrappingOptimizer ? ((WrappingOptimizer) current).inner() : null;
        }
        return java.util.Optional.empty();
    }

    /** A stable-name function from a map id → name (for {@link StatefulOptimizer#saveState}). */
    public static Function<String, String> stableNames(Map<String, String> nameById) {
        return nameById::get;
    }
}
