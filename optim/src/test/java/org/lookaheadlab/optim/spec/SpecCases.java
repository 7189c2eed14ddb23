package org.lookaheadlab.optim.spec;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.InnerState;
import org.lookaheadlab.optim.LrSchedule;
import org.lookaheadlab.optim.Points;
import org.lookaheadlab.optim.base.AdaBound;
import org.lookaheadlab.optim.base.Adagrad;
import org.lookaheadlab.optim.base.Adam;
import org.lookaheadlab.optim.base.AdamBuilder;
import org.lookaheadlab.optim.base.AdamW;
import org.lookaheadlab.optim.base.AdamWScheduleFree;
import org.lookaheadlab.optim.base.BaseBuilder;
import org.lookaheadlab.optim.base.MomentBuilder;
import org.lookaheadlab.optim.base.NAdam;
import org.lookaheadlab.optim.base.NovoGrad;
import org.lookaheadlab.optim.base.RAdam;
import org.lookaheadlab.optim.base.RmsProp;
import org.lookaheadlab.optim.base.ScheduleFreeBuilder;
import org.lookaheadlab.optim.base.Sgd;
import org.lookaheadlab.optim.base.SgdScheduleFree;
import org.lookaheadlab.optim.wrap.AverageBuilder;
import org.lookaheadlab.optim.wrap.Ema;
import org.lookaheadlab.optim.wrap.Lookahead;
import org.lookaheadlab.optim.wrap.LookaheadBuilder;
import org.lookaheadlab.optim.wrap.ScheduleFree;
import org.lookaheadlab.optim.wrap.Swa;
import org.lookaheadlab.optim.wrap.TrajectoryLookahead;
import org.lookaheadlab.optim.wrap.WeightTrajectoryLR;

/**
 * Random valid optimizer specs, each with a second way to make the same optimizer: straight from the builders,
 * with this class's own mapping of keys to builder setters (independent of the registry's factories), so that a
 * test can compare the two trajectories.
 */
final class SpecCases {

    /** The run length the cases' schedules may anneal over ({@code totalSteps = 0}). */
    static final int RUN_STEPS = 12;

    /** The layers of the {@code Quadratic} problem the cases run on: w and b form one layer. */
    static final Function<String, String> LAYERS = id -> "L";

    private static final List<String> BASES = List.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "radam", "nadam",
            "novograd", "adabound", "ranger", "adamw-schedule-free", "sgd-schedule-free");
    private static final List<String> WRAPPERS = List.of("lookahead", "trajectory-lookahead", "wtlr", "ema", "swa",
            "schedule-free");

    /**
     * A spec and the same optimizer made by hand.
     *
     * @param spec the spec
     * @param direct the optimizer from the builders, given the layer grouping
     * @param momentum whether the chain's base optimizer has a momentum buffer at every sync (pullback needs one; an
     *     inner {@code innerState=reset} removes it at its syncs, so pullback above one fails at run time: see
     *     {@code OptimizerSpecTest#pullbackAboveAResetFailsAtTheSharedSync})
     */
    record Case(OptimizerSpec spec, Function<Grouping, Optimizer> direct, boolean momentum) {}

    private final Random r;

    private SpecCases(Random r) {
        this.r = r;
    }

    /** A random case: a random base, then 0 to 3 random wrappers. */
    static Case random(Random r) {
        SpecCases g = new SpecCases(r);
        Case c = g.base();
        int depth = r.nextInt(4);
        for (int i = 0; i < depth; i++) {
            c = g.wrap(c);
        }
        return c;
    }

    // ---- bases ----

    private Case base() {
        String name = BASES.get(r.nextInt(BASES.size()));
        Map<String, Object> h = new LinkedHashMap<>();
        boolean scheduled = r.nextInt(3) == 0;
        if (scheduled || r.nextBoolean()) {
            h.put("lr", logUniform(1e-4, 0.3));
        }
        maybe(h, "weightDecay", () -> r.nextInt(4) == 0 ? -0.0 : uniform(0, 0.05));
        maybe(h, "clipGrad", () -> r.nextBoolean() ? -1 : uniform(0.05, 5));
        boolean momentum = true;
        switch (name) {
            case "sgd" -> {
                if (r.nextInt(3) == 0) {
                    h.put("nesterov", true);
                    h.put("momentum", uniform(0.05, 0.95));
                } else {
                    maybe(h, "momentum", () -> r.nextBoolean() ? 0 : uniform(0, 0.95));
                    maybe(h, "dampening", () -> uniform(0, 1));
                    if (r.nextBoolean()) {
                        h.put("nesterov", "false");
                    }
                }
                momentum = ((Number) h.getOrDefault("momentum", 0.0)).doubleValue() != 0;
            }
            case "adam", "adamw" -> {
                moments(h);
                if (r.nextBoolean()) {
                    h.put("amsgrad", r.nextBoolean());
                }
            }
            case "rmsprop" -> {
                maybe(h, "rho", () -> uniform(0.5, 0.999));
                maybe(h, "eps", () -> logUniform(1e-10, 1e-6));
                maybe(h, "momentum", () -> r.nextBoolean() ? 0 : uniform(0, 0.95));
                if (r.nextBoolean()) {
                    h.put("centered", r.nextBoolean());
                }
                momentum = ((Number) h.getOrDefault("momentum", 0.0)).doubleValue() > 0;
            }
            case "adagrad" -> {
                maybe(h, "eps", () -> logUniform(1e-12, 1e-6));
                maybe(h, "lrDecay", () -> uniform(0, 0.1));
                maybe(h, "initialAccumulator", () -> uniform(0, 0.5));
                momentum = false;
            }
            case "nadam" -> {
                moments(h);
                maybe(h, "momentumDecay", () -> uniform(0, 0.01));
            }
            case "adabound" -> {
                moments(h);
                maybe(h, "finalLr", () -> logUniform(0.01, 1));
                maybe(h, "gamma", () -> logUniform(1e-4, 0.1));
            }
            case "ranger" -> {
                moments(h);
                maybe(h, "k", () -> 1 + r.nextInt(8));
                maybe(h, "alpha", () -> unitWithEdges());
                if (r.nextBoolean()) {
                    h.put("innerState", List.of("none", "reset", "pullback").get(r.nextInt(3)));
                }
                momentum = !"reset".equals(h.get("innerState"));
            }
            case "adamw-schedule-free" -> {
                maybe(h, "beta1", () -> r.nextInt(5) == 0 ? 1 : uniform(0.05, 0.99));
                maybe(h, "beta2", () -> uniform(0.5, 0.9999));
                maybe(h, "eps", () -> logUniform(1e-10, 1e-6));
                scheduleFree(h);
                momentum = false;
            }
            case "sgd-schedule-free" -> {
                maybe(h, "momentum", () -> r.nextInt(5) == 0 ? 1 : uniform(0.05, 0.99));
                scheduleFree(h);
                momentum = false;
            }
            default -> moments(h); // radam, novograd
        }
        ScheduleSpec schedule = null;
        Function<Double, ParameterTracker> tracker = lr -> null;
        if (scheduled) {
            double lr = (Double) h.get("lr");
            Map<String, Object> s = new LinkedHashMap<>();
            switch (r.nextInt(3)) {
                case 0 -> {
                    long size = 1 + r.nextInt(5);
                    s.put("stepSize", size);
                    double gamma = r.nextBoolean() ? 0.1 : r.nextInt(4) == 0 ? 1.0 : uniform(0.01, 1);
                    maybe(s, "gamma", () -> gamma);
                    schedule = new ScheduleSpec("step", s);
                    double g = (Double) s.getOrDefault("gamma", 0.1);
                    tracker = base -> LrSchedule.step(base, size, g);
                }
                case 1 -> {
                    double lrMin = r.nextInt(4) == 0 ? lr : lr * r.nextDouble();
                    maybe(s, "lrMin", () -> lrMin);
                    long total = r.nextBoolean() ? 0 : 1 + r.nextInt(20);
                    if (total > 0 || r.nextBoolean()) {
                        s.put("totalSteps", total);
                    }
                    schedule = new ScheduleSpec("cosine", s);
                    double min = (Double) s.getOrDefault("lrMin", 0.0);
                    long t = total == 0 ? RUN_STEPS : total;
                    tracker = base -> LrSchedule.cosine(base, min, t);
                }
                default -> {
                    long warmup = 1 + r.nextInt(5);
                    s.put("warmupSteps", warmup);
                    double lrMin = lr * r.nextDouble();
                    maybe(s, "lrMin", () -> lrMin);
                    long total = r.nextBoolean() ? 0 : warmup + 1 + r.nextInt(20);
                    if (total > 0) {
                        s.put("totalSteps", total);
                    }
                    schedule = new ScheduleSpec(r.nextBoolean() ? "warmup-cosine" : "warmupCosine", s);
                    double min = (Double) s.getOrDefault("lrMin", 0.0);
                    long t = total == 0 ? RUN_STEPS : total;
                    tracker = base -> LrSchedule.warmupCosine(base, warmup, min, t);
                }
            }
        }
        OptimizerSpec.Base spec = new OptimizerSpec.Base(name, h, schedule);
        Map<String, Object> given = Map.copyOf(h);
        ParameterTracker lrTracker = scheduled ? tracker.apply((Double) h.get("lr")) : null;
        return new Case(spec, layers -> directBase(name, given, lrTracker), momentum);
    }

    private void scheduleFree(Map<String, Object> h) {
        maybe(h, "warmupSteps", () -> r.nextInt(6));
        maybe(h, "r", () -> r.nextBoolean() ? 0 : uniform(0, 2));
        maybe(h, "weightLrPower", () -> r.nextBoolean() ? 0 : uniform(0, 3));
    }

    private void moments(Map<String, Object> h) {
        maybe(h, "beta1", () -> r.nextInt(5) == 0 ? 0 : uniform(0, 0.99));
        maybe(h, "beta2", () -> uniform(0.5, 0.9999));
        maybe(h, "eps", () -> logUniform(1e-10, 1e-6));
    }

    /** The base optimizer straight from its builder. */
    static Optimizer directBase(String name, Map<String, Object> h, ParameterTracker lr) {
        switch (name) {
            case "sgd": {
                Sgd.Builder b = common(Sgd.builder(), h, lr);
                real(h, "momentum", b::optMomentum);
                real(h, "dampening", b::optDampening);
                bool(h, "nesterov", b::optNesterov);
                return b.build();
            }
            case "adam":
                return adam(common(Adam.builder(), h, lr), h).build();
            case "adamw":
                return adam(common(AdamW.builder(), h, lr), h).build();
            case "rmsprop": {
                RmsProp.Builder b = common(RmsProp.builder(), h, lr);
                real(h, "rho", b::optRho);
                real(h, "eps", b::optEpsilon);
                real(h, "momentum", b::optMomentum);
                bool(h, "centered", b::optCentered);
                return b.build();
            }
            case "adagrad": {
                Adagrad.Builder b = common(Adagrad.builder(), h, lr);
                real(h, "eps", b::optEpsilon);
                real(h, "lrDecay", b::optLrDecay);
                real(h, "initialAccumulator", b::optInitialAccumulator);
                return b.build();
            }
            case "radam":
                return moments(common(RAdam.builder(), h, lr), h).build();
            case "nadam": {
                NAdam.Builder b = moments(common(NAdam.builder(), h, lr), h);
                real(h, "momentumDecay", b::optMomentumDecay);
                return b.build();
            }
            case "novograd":
                return moments(common(NovoGrad.builder(), h, lr), h).build();
            case "adabound": {
                AdaBound.Builder b = moments(common(AdaBound.builder(), h, lr), h);
                real(h, "finalLr", b::optFinalLr);
                real(h, "gamma", b::optGamma);
                return b.build();
            }
            case "ranger": {
                Lookahead.Builder b = Lookahead.builder()
                        .setInner(moments(common(RAdam.builder(), h, lr), h).build()).optK(6).optAlpha(0.5);
                return lookahead(b, h).build();
            }
            case "adamw-schedule-free": {
                AdamWScheduleFree.Builder b = scheduleFree(common(AdamWScheduleFree.builder(), h, lr), h);
                real(h, "beta1", b::optBeta1);
                real(h, "beta2", b::optBeta2);
                real(h, "eps", b::optEpsilon);
                return b.build();
            }
            case "sgd-schedule-free": {
                SgdScheduleFree.Builder b = scheduleFree(common(SgdScheduleFree.builder(), h, lr), h);
                real(h, "momentum", b::optMomentum);
                return b.build();
            }
            default:
                throw new IllegalArgumentException(name);
        }
    }

    private static <T extends BaseBuilder<T>> T common(T b, Map<String, Object> h, ParameterTracker lr) {
        real(h, "lr", b::optLearningRate);
        if (lr != null) {
            b.optLearningRateTracker(lr);
        }
        real(h, "weightDecay", b::optWeightDecay);
        real(h, "clipGrad", c -> b.optClipGrad((float) c));
        return b;
    }

    private static <T extends MomentBuilder<T>> T moments(T b, Map<String, Object> h) {
        real(h, "beta1", b::optBeta1);
        real(h, "beta2", b::optBeta2);
        real(h, "eps", b::optEpsilon);
        return b;
    }

    private static <T extends AdamBuilder<T>> T adam(T b, Map<String, Object> h) {
        moments(b, h);
        bool(h, "amsgrad", b::optAmsgrad);
        return b;
    }

    private static <T extends ScheduleFreeBuilder<T>> T scheduleFree(T b, Map<String, Object> h) {
        integer(h, "warmupSteps", b::optWarmupSteps);
        real(h, "r", b::optR);
        real(h, "weightLrPower", b::optWeightLrPower);
        return b;
    }

    private static <T extends AverageBuilder<T>> T average(T b, Map<String, Object> p) {
        integer(p, "start", b::optStart);
        integer(p, "every", b::optEvery);
        return b;
    }

    private static <T extends LookaheadBuilder<T>> T lookahead(T b, Map<String, Object> h) {
        integer(h, "k", b::optK);
        real(h, "alpha", b::optAlpha);
        text(h, "innerState", s -> b.optInnerState(InnerState.parse(s)));
        return b;
    }

    // ---- wrappers ----

    private Case wrap(Case inner) {
        String name = WRAPPERS.get(r.nextInt(WRAPPERS.size()));
        Map<String, Object> p = new LinkedHashMap<>();
        Function<Optimizer, Optimizer> direct;
        switch (name) {
            case "lookahead" -> {
                maybe(p, "k", () -> 1 + r.nextInt(8));
                maybe(p, "alpha", this::unitWithEdges);
                innerState(p, inner.momentum());
                direct = in -> lookahead(Lookahead.builder().setInner(in), p).build();
            }
            case "trajectory-lookahead" -> {
                int k = 1 + r.nextInt(8);
                if (r.nextInt(3) > 0) {
                    p.put("k", k);
                } else {
                    k = 5;
                }
                int m = 1 + r.nextInt(k);
                maybe(p, "m", () -> m);
                if (!p.containsKey("m") && k < 3) {
                    p.put("m", m); // the default m = 3 needs k ≥ 3
                }
                maybe(p, "alpha", this::unitWithEdges);
                if (r.nextBoolean()) {
                    p.put("points", r.nextBoolean() ? "last" : "SPREAD");
                }
                innerState(p, inner.momentum());
                direct = in -> {
                    TrajectoryLookahead.Builder b = lookahead(TrajectoryLookahead.builder().setInner(in), p);
                    integer(p, "m", b::optM);
                    text(p, "points", s -> b.optPoints(Points.parse(s)));
                    return b.build();
                };
            }
            case "ema" -> {
                maybe(p, "decay", () -> r.nextInt(4) == 0 ? 0 : uniform(0, 0.999));
                averageSchedule(p);
                direct = in -> {
                    Ema.Builder b = average(Ema.builder().setInner(in), p);
                    real(p, "decay", b::optDecay);
                    return b.build();
                };
            }
            case "swa" -> {
                averageSchedule(p);
                direct = in -> average(Swa.builder().setInner(in), p).build();
            }
            case "schedule-free" -> {
                maybe(p, "momentum", () -> r.nextInt(5) == 0 ? 1 : uniform(0.05, 0.99));
                maybe(p, "weightDecayAtY", () -> r.nextBoolean() ? 0 : uniform(0, 0.1));
                maybe(p, "r", () -> r.nextBoolean() ? 0 : uniform(0, 2));
                maybe(p, "weightLrPower", () -> r.nextBoolean() ? 0 : uniform(0, 3));
                direct = in -> {
                    ScheduleFree.Builder b = ScheduleFree.builder().setInner(in);
                    real(p, "momentum", b::optMomentum);
                    real(p, "weightDecayAtY", b::optWeightDecayAtY);
                    real(p, "r", b::optR);
                    real(p, "weightLrPower", b::optWeightLrPower);
                    return b.build();
                };
            }
            default -> {
                maybe(p, "beta", () -> r.nextInt(4) == 0 ? 0 : uniform(0, 2));
                if (r.nextBoolean()) {
                    p.put("grouping", r.nextBoolean() ? "tensor" : "layer");
                }
                direct = null;
            }
        }
        OptimizerSpec spec = OptimizerSpec.wrap(r.nextBoolean() ? name : alias(name), inner.spec(), p);
        Function<Optimizer, Optimizer> wrapper = direct;
        return new Case(spec, layers -> {
            Optimizer in = inner.direct().apply(layers);
            if (wrapper != null) {
                return wrapper.apply(in);
            }
            WeightTrajectoryLR.Builder b = WeightTrajectoryLR.builder().setInner(in);
            real(p, "beta", b::optBeta);
            b.optGrouping("tensor".equals(p.get("grouping")) ? Grouping.tensor() : layers);
            return b.build();
        }, inner.momentum() && !"reset".equals(p.get("innerState")));
    }

    private void averageSchedule(Map<String, Object> p) {
        maybe(p, "start", () -> 1 + r.nextInt(6));
        maybe(p, "every", () -> 1 + r.nextInt(4));
    }

    private void innerState(Map<String, Object> p, boolean momentum) {
        if (r.nextBoolean()) {
            List<String> states = momentum ? List.of("none", "reset", "pullback") : List.of("none", "reset");
            p.put("innerState", states.get(r.nextInt(states.size())));
        }
    }

    private String alias(String name) {
        return switch (name) {
            case "trajectory-lookahead" -> "trajectoryLookahead";
            case "wtlr" -> r.nextBoolean() ? "weight-trajectory-lr" : "weightTrajectoryLR";
            case "schedule-free" -> r.nextBoolean() ? "scheduleFree" : "SCHEDULE-FREE";
            case "ema", "swa" -> name.toUpperCase(java.util.Locale.ROOT);
            default -> "LookAhead";
        };
    }

    // ---- values ----

    private void maybe(Map<String, Object> m, String key, DoubleSupplier value) {
        if (r.nextBoolean()) {
            m.put(key, value.getAsDouble());
        }
    }

    private double uniform(double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private double logUniform(double lo, double hi) {
        return Math.exp(uniform(Math.log(lo), Math.log(hi)));
    }

    private double unitWithEdges() {
        int e = r.nextInt(5);
        return e == 0 ? 0 : e == 1 ? 1 : e == 2 ? 0.5 : r.nextDouble();
    }

    private static void real(Map<String, Object> m, String key, DoubleConsumer setter) {
        if (m.containsKey(key)) {
            setter.accept(((Number) m.get(key)).doubleValue());
        }
    }

    private static void integer(Map<String, Object> m, String key, IntConsumer setter) {
        if (m.containsKey(key)) {
            setter.accept((int) ((Number) m.get(key)).doubleValue());
        }
    }

    private static void bool(Map<String, Object> m, String key, Consumer<Boolean> setter) {
        if (m.containsKey(key)) {
            setter.accept(Boolean.parseBoolean(m.get(key).toString()));
        }
    }

    private static void text(Map<String, Object> m, String key, Consumer<String> setter) {
        if (m.containsKey(key)) {
            setter.accept((String) m.get(key));
        }
    }
}
