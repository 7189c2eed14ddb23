package org.lookaheadlab.optim.spec;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.wrap.AverageBuilder;
import org.lookaheadlab.optim.wrap.Ema;
import org.lookaheadlab.optim.wrap.Lookahead;
import org.lookaheadlab.optim.wrap.LookaheadBuilder;
import org.lookaheadlab.optim.wrap.ScheduleFree;
import org.lookaheadlab.optim.wrap.Swa;
import org.lookaheadlab.optim.wrap.TrajectoryLookahead;
import org.lookaheadlab.optim.wrap.WeightTrajectoryLR;

/**
 * The one registry of the project's optimizers, wrappers and learning-rate schedules (timm's optimizer registry
 * is the model): every name, alias, display name, hyperparameter with its default and range, factory, and
 * whether an optimizer keeps evaluation weights (slow weights, an average, schedule-free's x) is declared here
 * once. Help text, error messages, the spec text, reports and {@code hasSlowWeights} questions all read it;
 * {@code RegistryTest} checks the defaults and ranges against the builders.
 *
 * <p>Base hyperparameters {@code lr, weightDecay, clipGrad} come first, as every base builder takes them; each
 * factory passes on only the values that were given, so what is not given keeps the builder's own default.
 */
public final class Registry {

    /** Lookahead's name. */
    public static final String LOOKAHEAD = "lookahead";
    /** TrajectoryLookahead's name. */
    public static final String TRAJECTORY_LOOKAHEAD = "trajectory-lookahead";
    /** WeightTrajectoryLR's name. */
    public static final String WTLR = "wtlr";
    /** EMA's name. */
    public static final String EMA = "ema";
    /** SWA's name. */
    public static final String SWA = "swa";
    /** ScheduleFree's name (the wrapper over any optimizer). */
    public static final String SCHEDULE_FREE = "schedule-free";

    private static final List<OptimizerRecord> OPTIMIZERS = List.of(
            declareBase("sgd", "SGD", "stochastic gradient descent with momentum (torch.optim.SGD)",
                    common(0.01, 0), List.of(
                            Param.real("momentum", 0, Range.halfOpenUnit(), "momentum μ"),
                            Param.real("dampening", 0, Range.closedUnit(), "dampening of the momentum buffer"),
                            Param.bool("nesterov", false, "Nesterov momentum (needs momentum > 0, dampening = 0)")),
                    (v, lr) -> {
                        Sgd.Builder b = common(Sgd.builder(), v, lr);
                        v.ifReal("momentum", b::optMomentum);
                        v.ifReal("dampening", b::optDampening);
                        v.ifBool("nesterov", b::optNesterov);
                        return b.build();
                    }),
            declareBase("adam", "Adam", "Adam with L2 weight decay (torch.optim.Adam)", common(1e-3, 0), adamKeys(0.999, 1e-8),
                    (v, lr) -> adam(common(Adam.builder(), v, lr), v).build()),
            declareBase("adamw", "AdamW", "Adam with decoupled weight decay (torch.optim.AdamW)", common(1e-3, 0.01),
                    adamKeys(0.999, 1e-8), (v, lr) -> adam(common(AdamW.builder(), v, lr), v).build()),
            declareBase("rmsprop", "RMSProp", "RMSProp, optionally centered and with momentum (torch.optim.RMSprop)",
                    common(0.01, 0), List.of(
                            Param.real("rho", 0.99, Range.halfOpenUnit(), "smoothing constant ρ"),
                            Param.real("eps", 1e-8, Range.nonNegative(), "ε of the denominator"),
                            Param.real("momentum", 0, Range.halfOpenUnit(), "momentum μ"),
                            Param.bool("centered", false, "normalise by the estimated variance")),
                    (v, lr) -> {
                        RmsProp.Builder b = common(RmsProp.builder(), v, lr);
                        v.ifReal("rho", b::optRho);
                        v.ifReal("eps", b::optEpsilon);
                        v.ifReal("momentum", b::optMomentum);
                        v.ifBool("centered", b::optCentered);
                        return b.build();
                    }),
            declareBase("adagrad", "Adagrad", "Adagrad (torch.optim.Adagrad)", common(0.01, 0), List.of(
                            Param.real("eps", 1e-10, Range.nonNegative(), "ε of the denominator"),
                            Param.real("lrDecay", 0, Range.nonNegative(), "learning-rate decay"),
                            Param.real("initialAccumulator", 0, Range.nonNegative(), "initial accumulator value")),
                    (v, lr) -> {
                        Adagrad.Builder b = common(Adagrad.builder(), v, lr);
                        v.ifReal("eps", b::optEpsilon);
                        v.ifReal("lrDecay", b::optLrDecay);
                        v.ifReal("initialAccumulator", b::optInitialAccumulator);
                        return b.build();
                    }),
            declareBase("radam", "RAdam", "rectified Adam (torch.optim.RAdam)", common(1e-3, 0), momentKeys(0.999, 1e-8),
                    Registry::radam),
            declareBase("nadam", "NAdam", "Adam with Nesterov momentum and momentum decay (torch.optim.NAdam)",
                    common(2e-3, 0), concat(momentKeys(0.999, 1e-8),
                            Param.real("momentumDecay", 0.004, Range.nonNegative(), "momentum decay ψ")),
                    (v, lr) -> {
                        NAdam.Builder b = moments(common(NAdam.builder(), v, lr), v);
                        v.ifReal("momentumDecay", b::optMomentumDecay);
                        return b.build();
                    }),
            declareBase("novograd", "NovoGrad", "NovoGrad with one second moment per tensor (optax.novograd)",
                    common(1e-3, 0), momentKeys(0.25, 1e-6),
                    (v, lr) -> moments(common(NovoGrad.builder(), v, lr), v).build()),
            declareBase("adabound", "AdaBound", "Adam with step sizes clipped into bounds converging to finalLr (Luo et al.)",
                    common(1e-3, 0), concat(momentKeys(0.999, 1e-8),
                            Param.real("finalLr", 0.1, Range.positive(), "final (SGD) learning rate"),
                            Param.real("gamma", 1e-3, Range.open(0, 1), "convergence speed of the bounds")),
                    (v, lr) -> {
                        AdaBound.Builder b = moments(common(AdaBound.builder(), v, lr), v);
                        v.ifReal("finalLr", b::optFinalLr);
                        v.ifReal("gamma", b::optGamma);
                        return b.build();
                    }),
            new BaseRecord("ranger", List.of(), "Ranger", "Lookahead(RAdam) with k = 6, α = 0.5 (Wright 2019)",
                    concat(concat(common(1e-3, 0), momentKeys(0.999, 1e-8)), lookaheadKeys(6, 0.5)), true,
                    (v, lr) -> {
                        // k = 6 is Ranger's own (no builder declares it): the registry's default is applied
                        Lookahead.Builder b = Lookahead.builder().setInner(radam(v, lr)).optK(v.int32("k"));
                        return lookahead(b, v).build();
                    }),
            new BaseRecord("adamw-schedule-free", List.of("adamwScheduleFree"), "AdamWScheduleFree",
                    "schedule-free AdamW: trains on y, evaluated on the average x (Defazio et al. 2024)",
                    concat(concat(common(0.0025, 0, "weight decay at y"), List.of(
                            Param.real("beta1", 0.9, Range.openClosedUnit(),
                                    "interpolation β1 between z and x (x divides by it)"),
                            Param.real("beta2", 0.999, Range.halfOpenUnit(), "second-moment decay β2"),
                            Param.real("eps", 1e-8, Range.nonNegative(), "ε of the denominator"))),
                            scheduleFreeKeys()), true,
                    (v, lr) -> {
                        AdamWScheduleFree.Builder b = scheduleFree(common(AdamWScheduleFree.builder(), v, lr), v);
                        v.ifReal("beta1", b::optBeta1);
                        v.ifReal("beta2", b::optBeta2);
                        v.ifReal("eps", b::optEpsilon);
                        return b.build();
                    }),
            new BaseRecord("sgd-schedule-free", List.of("sgdScheduleFree"), "SGDScheduleFree",
                    "schedule-free SGD: trains on y, evaluated on the average x (Defazio et al. 2024)",
                    concat(concat(common(1.0, 0, "weight decay at y"), List.of(
                            Param.real("momentum", 0.9, Range.openClosedUnit(),
                                    "interpolation β between z and x (x divides by it)"))), scheduleFreeKeys()), true,
                    (v, lr) -> {
                        SgdScheduleFree.Builder b = scheduleFree(common(SgdScheduleFree.builder(), v, lr), v);
                        v.ifReal("momentum", b::optMomentum);
                        return b.build();
                    }),
            new WrapperRecord(LOOKAHEAD, List.of(), "Lookahead",
                    "slow weights pulled toward the fast ones every k steps (Zhang et al. 2019)",
                    lookaheadKeys(5, 0.5), true,
                    (v, inner, context) -> lookahead(Lookahead.builder().setInner(inner), v).build()),
            new WrapperRecord(TRAJECTORY_LOOKAHEAD, List.of("trajectoryLookahead"),
                    "TrajectoryLookahead", "Lookahead toward the mean of m points of the cycle's fast trajectory",
                    List.of(Param.integer("k", 5L, Range.atLeast(1).withNote("and ≥ m"), "sync period (la_steps)"),
                            Param.integer("m", 3L, Range.atLeast(1).withNote("and ≤ k"),
                                    "points averaged per cycle (trajectory_len)"),
                            Param.real("alpha", 1, Range.closedUnit(), "slow step size α"),
                            Param.choice("points", Points.LAST, "which points of the cycle are averaged"),
                            innerStateKey()), true,
                    (v, inner, context) -> {
                        TrajectoryLookahead.Builder b = lookahead(TrajectoryLookahead.builder().setInner(inner), v);
                        v.ifInt32("m", b::optM);
                        v.ifChoice("points", s -> b.optPoints(Points.parse(s)));
                        return b.build();
                    }),
            new WrapperRecord(WTLR, List.of("weight-trajectory-lr", "weightTrajectoryLR"),
                    "WeightTrajectoryLR", "each layer's step scaled by 1 / (1 + β·‖W − W₀‖₂)",
                    List.of(Param.real("beta", 0, Range.nonNegative(), "damping β (0: the inner optimizer)"),
                            Param.choice("grouping", "layer", List.of("layer", "tensor"),
                                    "norm over a layer's tensors or over one tensor (layer needs the model)")),
                    false,
                    (v, inner, context) -> {
                        WeightTrajectoryLR.Builder b = WeightTrajectoryLR.builder().setInner(inner);
                        v.ifReal("beta", b::optBeta);
                        return b.optGrouping(grouping(v.choice("grouping"), context)).build();
                    }),
            new WrapperRecord(EMA, List.of(), "EMA",
                    "exponential moving average of the weights, evaluated instead of them (torch AveragedModel)",
                    concat(List.of(Param.real("decay", 0.999, Range.halfOpenUnit(), "decay d: a ← a + (1 − d)(θ − a)")),
                            averageKeys()), true,
                    (v, inner, context) -> {
                        Ema.Builder b = average(Ema.builder().setInner(inner), v);
                        v.ifReal("decay", b::optDecay);
                        return b.build();
                    }),
            new WrapperRecord(SWA, List.of(), "SWA",
                    "equal-weight average of the weights from step start on (Polyak–Ruppert; Izmailov et al. 2018),"
                            + " evaluated instead of them",
                    averageKeys(), true,
                    (v, inner, context) -> average(Swa.builder().setInner(inner), v).build()),
            new WrapperRecord(SCHEDULE_FREE, List.of("scheduleFree"), "ScheduleFree",
                    "schedule-free averaging over any optimizer, whose steps make z (Defazio et al. 2024)",
                    concat(List.of(Param.real("momentum", 0.9, Range.openClosedUnit(),
                                    "interpolation β between z and x (x divides by it)"),
                            Param.real("weightDecayAtY", 0, Range.nonNegative(),
                                    "weight decay at y, before each step")),
                            averagingWeightKeys()), true,
                    (v, inner, context) -> {
                        ScheduleFree.Builder b = ScheduleFree.builder().setInner(inner);
                        v.ifReal("momentum", b::optMomentum);
                        v.ifReal("weightDecayAtY", b::optWeightDecayAtY);
                        v.ifReal("r", b::optR);
                        v.ifReal("weightLrPower", b::optWeightLrPower);
                        return b.build();
                    }));

    private static final List<ScheduleRecord> SCHEDULES = List.of(
            new ScheduleRecord("step", List.of(), "Step", "lr·γ^⌊(t−1)/stepSize⌋ (torch StepLR)", List.of(
                    Param.integer("stepSize", null, Range.atLeast(1), "steps between decays"),
                    Param.real("gamma", 0.1, new Range(0, false, 1, true, ""), "decay factor")),
                    (lr, v, run) -> LrSchedule.step(lr, v.integer("stepSize"), v.real("gamma"))),
            new ScheduleRecord("cosine", List.of(), "Cosine",
                    "cosine annealing from lr to lrMin over totalSteps (torch CosineAnnealingLR, then held)",
                    List.of(lrMinKey(), totalStepsKey()),
                    (lr, v, run) -> LrSchedule.cosine(lr, v.real("lrMin"), horizon(v, run, "cosine"))),
            new ScheduleRecord("warmup-cosine", List.of("warmupCosine"), "WarmupCosine",
                    "linear warm-up over warmupSteps, then cosine annealing to lrMin at totalSteps",
                    List.of(Param.integer("warmupSteps", null, Range.atLeast(1).withNote("and < totalSteps"),
                            "warm-up steps"), lrMinKey(), totalStepsKey()),
                    (lr, v, run) -> LrSchedule.warmupCosine(lr, v.integer("warmupSteps"), v.real("lrMin"),
                            horizon(v, run, "warmup-cosine"))));

    private Registry() {}

    // ---- lookups ----

    /** Every optimizer record (bases, then wrappers), in registry order. */
    public static List<OptimizerRecord> optimizers() {
        return OPTIMIZERS;
    }

    /** The base optimizer records, in registry order. */
    public static List<BaseRecord> bases() {
        return OPTIMIZERS.stream().filter(BaseRecord.class::isInstance).map(BaseRecord.class::cast).toList();
    }

    /** The wrapper records, in registry order. */
    public static List<WrapperRecord> wrappers() {
        return OPTIMIZERS.stream().filter(WrapperRecord.class::isInstance).map(WrapperRecord.class::cast).toList();
    }

    /** The schedule records, in registry order. */
    public static List<ScheduleRecord> schedules() {
        return SCHEDULES;
    }

    /** The optimizer or wrapper record answering to {@code name} (or an alias), if any. */
    public static Optional<OptimizerRecord> find(String name) {
        return OPTIMIZERS.stream().filter(r -> r.answersTo(name)).findFirst();
    }

    /**
     * The optimizer or wrapper record {@code name}.
     *
     * @throws IllegalArgumentException one line listing the accepted base optimizers and wrappers
     */
    public static OptimizerRecord optimizer(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown optimizer '" + name
                + "'; accepted: " + names(bases()) + "; wrappers: " + names(wrappers())));
    }

    /**
     * The base optimizer record {@code name}.
     *
     * @throws IllegalArgumentException one line listing the accepted base optimizers
     */
    public static BaseRecord base(String name) {
        OptimizerRecord r = find(String.valueOf(name)).orElse(null);
        if (r instanceof BaseRecord b) {
            return b;
        }
        throw new IllegalArgumentException((r == null ? "unknown optimizer '" + name + "'"
                : "'" + name + "' is a wrapper, not a base optimizer (write " + r.name() + "(adam))")
                + "; accepted: " + names(bases()));
    }

    /**
     * The wrapper record {@code name}.
     *
     * @throws IllegalArgumentException one line listing the accepted wrappers
     */
    public static WrapperRecord wrapper(String name) {
        OptimizerRecord r = find(String.valueOf(name)).orElse(null);
        if (r instanceof WrapperRecord w) {
            return w;
        }
        throw new IllegalArgumentException((r == null ? "unknown wrapper '" + name + "'"
                : "'" + name + "' is a base optimizer, not a wrapper") + "; accepted: " + names(wrappers()));
    }

    /**
     * The schedule record {@code name}.
     *
     * @throws IllegalArgumentException one line listing the accepted schedules
     */
    public static ScheduleRecord schedule(String name) {
        return SCHEDULES.stream().filter(r -> r.answersTo(String.valueOf(name))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown schedule '" + name + "'; accepted: "
                        + names(SCHEDULES)));
    }

    /** The canonical names of {@code records}, comma-separated. */
    public static String names(List<? extends RegistryRecord> records) {
        return String.join(", ", records.stream().map(RegistryRecord::name).toList());
    }

    /** Help text of every record: base optimizers, wrappers, schedules, each with its hyperparameters. */
    public static String help() {
        List<String> parts = new ArrayList<>();
        parts.add("Base optimizers (" + OptimizerSpec.SCHEDULE + "=SCHEDULE sets an lr schedule):");
        bases().forEach(r -> parts.add("  " + r.help().replace("\n", "\n  ")));
        parts.add("Wrappers (the inner optimizer first: lookahead(adam,k=5)):");
        wrappers().forEach(r -> parts.add("  " + r.help().replace("\n", "\n  ")));
        parts.add("Learning-rate schedules:");
        SCHEDULES.forEach(r -> parts.add("  " + r.help().replace("\n", "\n  ")));
        return String.join("\n", parts);
    }

    // ---- declarations ----

    private static BaseRecord declareBase(String name, String display, String description, List<Param> common,
            List<Param> own, BaseRecord.Factory factory) {
        return new BaseRecord(name, List.of(), display, description, concat(common, own), false, factory);
    }

    private static List<Param> common(double lr, double weightDecay) {
        return common(lr, weightDecay, "weight decay (L2; decoupled for AdamW)");
    }

    private static List<Param> common(double lr, double weightDecay, String weightDecayDescription) {
        return List.of(Param.real("lr", lr, Range.positive(), "learning rate"),
                Param.real("weightDecay", weightDecay, Range.nonNegative(), weightDecayDescription),
                Param.real("clipGrad", -1, new Range(0, false, Double.POSITIVE_INFINITY, true, "").or(-1, "no clipping"),
                        "clamp every gradient element to [−c, c]"));
    }

    private static List<Param> momentKeys(double beta2, double eps) {
        return List.of(Param.real("beta1", 0.9, Range.halfOpenUnit(), "first-moment decay β1"),
                Param.real("beta2", beta2, Range.halfOpenUnit(), "second-moment decay β2"),
                Param.real("eps", eps, Range.nonNegative(), "ε of the denominator"));
    }

    private static List<Param> adamKeys(double beta2, double eps) {
        return concat(momentKeys(beta2, eps), Param.bool("amsgrad", false, "use the running maximum of v"));
    }

    private static List<Param> lookaheadKeys(long k, double alpha) {
        return List.of(Param.integer("k", k, Range.atLeast(1), "sync period (la_steps)"),
                Param.real("alpha", alpha, Range.closedUnit(), "slow step size α"), innerStateKey());
    }

    private static List<Param> scheduleFreeKeys() {
        return concat(List.of(Param.integer("warmupSteps", 0L, Range.atLeast(0), "linear lr warm-up steps")),
                averagingWeightKeys());
    }

    /** Schedule-free's averaging weight w = (k+1)^r · lr_max^weightLrPower. */
    private static List<Param> averagingWeightKeys() {
        return List.of(Param.real("r", 0, Range.nonNegative(), "exponent of the step in the averaging weight"),
                Param.real("weightLrPower", 2, Range.nonNegative(),
                        "exponent of the largest lr in the averaging weight"));
    }

    private static List<Param> averageKeys() {
        return List.of(Param.integer("start", 1L, Range.atLeast(1), "the first averaged step"),
                Param.integer("every", 1L, Range.atLeast(1), "steps between averaging updates"));
    }

    private static Param innerStateKey() {
        return Param.choice("innerState", InnerState.NONE, "the inner optimizer's state at a sync");
    }

    private static Param lrMinKey() {
        return Param.real("lrMin", 0, Range.nonNegative().withNote("and ≤ lr"), "final learning rate");
    }

    private static Param totalStepsKey() {
        return Param.integer("totalSteps", 0L, Range.atLeast(0).withNote("(0: the run's length)"),
                "steps of the annealing");
    }

    private static List<Param> concat(List<Param> a, List<Param> b) {
        List<Param> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Param> concat(List<Param> a, Param... more) {
        return concat(a, List.of(more));
    }

    // ---- factories' shared steps ----

    private static <T extends BaseBuilder<T>> T common(T b, Values v, ParameterTracker lr) {
        v.ifReal("lr", b::optLearningRate);
        if (lr != null) {
            b.optLearningRateTracker(lr);
        }
        v.ifReal("weightDecay", b::optWeightDecay);
        v.ifReal("clipGrad", c -> b.optClipGrad((float) c));
        return b;
    }

    private static <T extends MomentBuilder<T>> T moments(T b, Values v) {
        v.ifReal("beta1", b::optBeta1);
        v.ifReal("beta2", b::optBeta2);
        v.ifReal("eps", b::optEpsilon);
        return b;
    }

    private static <T extends AdamBuilder<T>> T adam(T b, Values v) {
        moments(b, v);
        v.ifBool("amsgrad", b::optAmsgrad);
        return b;
    }

    private static <T extends ScheduleFreeBuilder<T>> T scheduleFree(T b, Values v) {
        v.ifInt32("warmupSteps", b::optWarmupSteps);
        v.ifReal("r", b::optR);
        v.ifReal("weightLrPower", b::optWeightLrPower);
        return b;
    }

    private static <T extends AverageBuilder<T>> T average(T b, Values v) {
        v.ifInt32("start", b::optStart);
        v.ifInt32("every", b::optEvery);
        return b;
    }

    private static Optimizer radam(Values v, ParameterTracker lr) {
        return moments(common(RAdam.builder(), v, lr), v).build();
    }

    private static <T extends LookaheadBuilder<T>> T lookahead(T b, Values v) {
        v.ifInt32("k", b::optK);
        v.ifReal("alpha", b::optAlpha);
        v.ifChoice("innerState", s -> b.optInnerState(InnerState.parse(s)));
        return b;
    }

    private static Grouping grouping(String kind, BuildContext context) {
        if (kind.equals("tensor")) {
            return Grouping.tensor();
        }
        return context.layerGrouping().orElseThrow(() -> new IllegalArgumentException("wtlr grouping = layer needs"
                + " the model's layers: build with the model (build(block, runSteps)), or write grouping=tensor"));
    }

    /** totalSteps, or the run's length when it is 0. */
    private static long horizon(Values v, long runSteps, String schedule) {
        long total = v.integer("totalSteps");
        Check.that(total >= 0, "totalSteps", total, "[1, ∞), or 0 for the run's length");
        if (total > 0) {
            return total;
        }
        if (runSteps <= 0) {
            throw new IllegalArgumentException("schedule " + schedule + " anneals over the run, whose length is not"
                    + " known here: build with the run's length (build(block, runSteps)), or set totalSteps");
        }
        return runSteps;
    }
}
