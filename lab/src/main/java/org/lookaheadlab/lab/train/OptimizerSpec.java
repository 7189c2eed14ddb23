package org.lookaheadlab.lab.train;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.lookaheadlab.optim.LrSchedule;

/**
 * A contender's optimizer, as data: a base optimizer name with its hyperparameters, optionally wrapped (inside
 * out) in WeightTrajectoryLR, then in Lookahead or TrajectoryLookahead. {@link #build()} makes a fresh DJL
 * {@link Optimizer} (with fresh state) each time, so one spec can be trained many times.
 *
 * @param base base optimizer name as accepted by {@code Optimizers.create}: sgd, adam, adamw, rmsprop, radam,
 *     novograd, adabound, ranger, ...
 * @param hyper base hyperparameters keyed as in {@code Optimizers.create} ({@code lr}, {@code beta1}, ...);
 *     {@code lr} is required and must be &gt; 0
 * @param lookahead Lookahead settings, or null for none
 * @param trajectory TrajectoryLookahead settings, or null for none (exclusive with {@code lookahead})
 * @param weightTrajectoryBeta β of WeightTrajectoryLR, or null for none
 * @param schedule learning-rate schedule of the base optimizer around {@code hyper.lr}, or null for a constant lr
 */
public record OptimizerSpec(
        String base,
        Map<String, Object> hyper,
        LookaheadSettings lookahead,
        TrajectorySettings trajectory,
        Double weightTrajectoryBeta,
        ScheduleSettings schedule) {

    /**
     * Lookahead(k, α, innerState): every k inner steps, slow ← slow + α(θ − slow); θ ← slow.
     *
     * @param innerState none, reset or pullback
     */
    public record LookaheadSettings(int k, double alpha, String innerState) {
        /** k of a Lookahead (and TrajectoryLookahead) that does not set it (the paper's). */
        public static final int DEFAULT_K = 5;
        /** α of a Lookahead that does not set it (the paper's). */
        public static final double DEFAULT_ALPHA = 0.5;
        /** The inner optimizer's state at a sync when not set: kept as is. */
        public static final String DEFAULT_INNER_STATE = "none";

        public LookaheadSettings {
            if (k < 1) {
                throw new IllegalArgumentException("lookahead k is " + k + ", accepted range: k >= 1");
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("lookahead alpha is " + alpha + ", accepted range: [0, 1]");
            }
            innerState = innerState == null ? "none" : innerState.toLowerCase(Locale.ROOT);
            if (!List.of("none", "reset", "pullback").contains(innerState)) {
                throw new IllegalArgumentException(
                        "lookahead innerState is '" + innerState + "', accepted: none, reset, pullback");
            }
        }
    }

    /**
     * TrajectoryLookahead(k, m, α, points): at each sync the slow weights move toward the mean of m points of the
     * cycle's fast trajectory.
     *
     * @param points last or spread
     * @param innerState none, reset or pullback
     */
    public record TrajectorySettings(int k, int m, double alpha, String points, String innerState) {
        /** m (trajectory points averaged per cycle) when not set. */
        public static final int DEFAULT_M = 3;
        /** α of a TrajectoryLookahead that does not set it. */
        public static final double DEFAULT_ALPHA = 1.0;
        /** Which points of the cycle are averaged when not set. */
        public static final String DEFAULT_POINTS = "last";

        /** Settings with innerState none. */
        public TrajectorySettings(int k, int m, double alpha, String points) {
            this(k, m, alpha, points, "none");
        }

        public TrajectorySettings {
            if (k < 1) {
                throw new IllegalArgumentException("trajectory lookahead k is " + k + ", accepted range: k >= 1");
            }
            if (m < 1 || m > k) {
                throw new IllegalArgumentException(
                        "trajectory length m is " + m + ", accepted range: 1 <= m <= k = " + k);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException(
                        "trajectory lookahead alpha is " + alpha + ", accepted range: [0, 1]");
            }
            points = points == null ? "last" : points.toLowerCase(Locale.ROOT);
            if (!List.of("last", "spread").contains(points)) {
                throw new IllegalArgumentException(
                        "trajectory points is '" + points + "', accepted: last, spread");
            }
            innerState = innerState == null ? "none" : innerState.toLowerCase(Locale.ROOT);
            if (!List.of("none", "reset", "pullback").contains(innerState)) {
                throw new IllegalArgumentException(
                        "trajectory lookahead innerState is '" + innerState + "', accepted: none, reset, pullback");
            }
        }
    }

    /**
     * A learning-rate schedule (torch-style, evaluated at the number of steps already taken, i = t − 1; see
     * {@link LrSchedule} for the formulas): {@code cosine} anneals lr to {@code lrMin} over the run,
     * {@code step} multiplies lr by {@code gamma} every {@code stepSize} steps, {@code warmup-cosine} rises
     * linearly over {@code warmupSteps} steps and then anneals to {@code lrMin} at the end of the run. The schedule
     * is a pure function of the step, so a resumed run continues it from the restored step counters.
     *
     * @param kind cosine, step or warmup-cosine
     * @param warmupSteps warm-up steps (warmup-cosine: ≥ 1 and below the run's total steps; else 0)
     * @param stepSize steps between decays (step: ≥ 1; else 0)
     * @param gamma decay factor (step: in (0, 1]; else ignored)
     * @param lrMin final learning rate (cosine, warmup-cosine: in [0, lr]; else 0)
     * @param totalSteps the horizon of the cosine, or 0 for the run's total steps (filled in by the trainer)
     */
    public record ScheduleSettings(String kind, long warmupSteps, long stepSize, double gamma, double lrMin,
            long totalSteps) {

        /** The accepted kinds. */
        public static final List<String> KINDS = List.of("cosine", "step", "warmup-cosine");

        public ScheduleSettings {
            kind = Objects.requireNonNull(kind, "kind").toLowerCase(Locale.ROOT);
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("lr schedule is '" + kind + "', accepted: none, "
                        + String.join(", ", KINDS));
            }
            if (kind.equals("step") && stepSize < 1) {
                throw new IllegalArgumentException("lr step size is " + stepSize + ", accepted range: >= 1");
            }
            if (kind.equals("step") && !(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("lr gamma is " + gamma + ", accepted range: (0, 1]");
            }
            if (kind.equals("warmup-cosine") && warmupSteps < 1) {
                throw new IllegalArgumentException("lr warmup steps is " + warmupSteps + ", accepted range: >= 1");
            }
            if (!(lrMin >= 0) || Double.isInfinite(lrMin)) {
                throw new IllegalArgumentException("lr min is " + lrMin + ", accepted range: a finite number >= 0");
            }
            if (totalSteps < 0) {
                throw new IllegalArgumentException("lr schedule total steps is " + totalSteps
                        + ", accepted range: >= 1, or 0 for the run's total steps");
            }
        }

        /** Cosine annealing from the lr to {@code lrMin} over the run. */
        public static ScheduleSettings cosine(double lrMin) {
            return new ScheduleSettings("cosine", 0, 0, 1, lrMin, 0);
        }

        /** lr·gamma^⌊i/stepSize⌋. */
        public static ScheduleSettings step(long stepSize, double gamma) {
            return new ScheduleSettings("step", 0, stepSize, gamma, 0, 0);
        }

        /** Linear warm-up over {@code warmupSteps}, then cosine annealing to {@code lrMin} over the rest of the run. */
        public static ScheduleSettings warmupCosine(long warmupSteps, double lrMin) {
            return new ScheduleSettings("warmup-cosine", warmupSteps, 0, 1, lrMin, 0);
        }

        /** Whether the schedule needs the run's length ({@code totalSteps} not yet known). */
        public boolean needsTotalSteps() {
            return !kind.equals("step") && totalSteps == 0;
        }

        /** A copy with the horizon set to {@code runSteps} when it is still the run's (0). */
        public ScheduleSettings forRun(long runSteps) {
            return needsTotalSteps() ? new ScheduleSettings(kind, warmupSteps, stepSize, gamma, lrMin, runSteps) : this;
        }

        /** The schedule around {@code lr}; fails with a one-line message when it does not fit. */
        LrSchedule tracker(double lr) {
            if (needsTotalSteps()) {
                throw new IllegalArgumentException("lr schedule " + kind + " needs the run's total steps; build the "
                        + "optimizer with OptimizerSpec.build(block, totalSteps)");
            }
            if (kind.equals("warmup-cosine") && warmupSteps >= totalSteps) {
                throw new IllegalArgumentException("lr warmup steps is " + warmupSteps
                        + ", accepted range: below the run's total steps (" + totalSteps + ")");
            }
            return switch (kind) {
                case "cosine" -> LrSchedule.cosine(lr, lrMin, totalSteps);
                case "step" -> LrSchedule.step(lr, stepSize, gamma);
                default -> LrSchedule.warmupCosine(lr, warmupSteps, lrMin, totalSteps);
            };
        }

        @Override
        public String toString() {
            return switch (kind) {
                case "step" -> "step(size=" + stepSize + ", gamma=" + gamma + ")";
                case "cosine" -> "cosine(min=" + lrMin + ", steps=" + (totalSteps == 0 ? "run" : totalSteps) + ")";
                default -> "warmup-cosine(warmup=" + warmupSteps + ", min=" + lrMin + ", steps="
                        + (totalSteps == 0 ? "run" : totalSteps) + ")";
            };
        }
    }

    /** A spec with a constant learning rate. */
    public OptimizerSpec(String base, Map<String, Object> hyper, LookaheadSettings lookahead,
            TrajectorySettings trajectory, Double weightTrajectoryBeta) {
        this(base, hyper, lookahead, trajectory, weightTrajectoryBeta, null);
    }

    public OptimizerSpec {
        Objects.requireNonNull(base, "base");
        base = base.toLowerCase(Locale.ROOT);
        if (!OptimizerFactory.baseNames().contains(base)) {
            throw new IllegalArgumentException("optimizer '" + base + "' is unknown, accepted: "
                    + String.join(", ", OptimizerFactory.baseNames()));
        }
        hyper = Collections.unmodifiableMap(new LinkedHashMap<>(hyper == null ? Map.of() : hyper));
        Object lr = hyper.get("lr");
        if (!(lr instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            throw new IllegalArgumentException("lr is " + lr + ", accepted range: a finite number > 0");
        }
        double lrValue = ((Number) lr).doubleValue();
        if (schedule != null && !schedule.kind().equals("step") && schedule.lrMin() > lrValue) {
            throw new IllegalArgumentException(
                    "lr min is " + schedule.lrMin() + ", accepted range: [0, lr = " + lrValue + "]");
        }
        if (lookahead != null && trajectory != null) {
            throw new IllegalArgumentException(
                    "lookahead and trajectory lookahead are both set, accepted: at most one of them");
        }
        if (weightTrajectoryBeta != null
                && !(weightTrajectoryBeta >= 0 && !Double.isInfinite(weightTrajectoryBeta))) {
            throw new IllegalArgumentException(
                    "weight trajectory beta is " + weightTrajectoryBeta + ", accepted range: a finite number >= 0");
        }
    }

    /** Plain {@code base} at learning rate {@code lr}, other hyperparameters at their defaults. */
    public static OptimizerSpec of(String base, double lr) {
        return new OptimizerSpec(base, Map.of("lr", lr), null, null, null, null);
    }

    /** The learning rate. */
    public double lr() {
        return ((Number) hyper.get("lr")).doubleValue();
    }

    /** A copy with hyperparameter {@code key} set to {@code value}. */
    public OptimizerSpec withHyper(String key, Object value) {
        Map<String, Object> h = new LinkedHashMap<>(hyper);
        h.put(key, value);
        return new OptimizerSpec(base, h, lookahead, trajectory, weightTrajectoryBeta, schedule);
    }

    /** A copy wrapped in Lookahead(k, α) with innerState none. */
    public OptimizerSpec withLookahead(int k, double alpha) {
        return withLookahead(new LookaheadSettings(k, alpha, "none"));
    }

    public OptimizerSpec withLookahead(LookaheadSettings settings) {
        return new OptimizerSpec(base, hyper, settings, null, weightTrajectoryBeta, schedule);
    }

    public OptimizerSpec withTrajectory(TrajectorySettings settings) {
        return new OptimizerSpec(base, hyper, null, settings, weightTrajectoryBeta, schedule);
    }

    public OptimizerSpec withWeightTrajectoryBeta(Double beta) {
        return new OptimizerSpec(base, hyper, lookahead, trajectory, beta, schedule);
    }

    /** A copy with learning-rate schedule {@code settings} (null: constant lr). */
    public OptimizerSpec withSchedule(ScheduleSettings settings) {
        return new OptimizerSpec(base, hyper, lookahead, trajectory, weightTrajectoryBeta, settings);
    }

    /** A copy whose schedule, if it anneals over "the run", anneals over {@code runSteps} steps. */
    public OptimizerSpec forRun(long runSteps) {
        return schedule == null || !schedule.needsTotalSteps() ? this : withSchedule(schedule.forRun(runSteps));
    }

    /** True when the optimizer keeps Lookahead-family slow weights that can be evaluated. */
    public boolean hasSlowWeights() {
        return lookahead != null || trajectory != null || base.equals("ranger");
    }

    /**
     * A fresh optimizer with fresh state. WeightTrajectoryLR, if set, groups by tensor here; use
     * {@link #build(Block)} for the design's default grouping by layer.
     */
    public Optimizer build() {
        return OptimizerFactory.build(this, null);
    }

    /** A fresh optimizer for the model {@code block}: WeightTrajectoryLR, if set, groups by layer of the block. */
    public Optimizer build(Block block) {
        return OptimizerFactory.build(this, block);
    }

    /**
     * A fresh optimizer for the model {@code block} in a run of {@code totalSteps} steps (the horizon of a
     * schedule that anneals over the run).
     */
    public Optimizer build(Block block, long totalSteps) {
        return OptimizerFactory.build(forRun(totalSteps), block);
    }

    /** Short human label, e.g. {@code Lookahead(Adam, k=5, α=0.5)}. */
    public String label() {
        String inner = displayName(base) + fixedHyperSuffix();
        if (weightTrajectoryBeta != null) {
            inner = "WeightTrajectoryLR(" + inner + ", β=" + num(weightTrajectoryBeta) + ")";
        }
        if (lookahead != null) {
            inner = "Lookahead(" + inner + ", k=" + lookahead.k() + ", α=" + num(lookahead.alpha())
                    + (lookahead.innerState().equals("none") ? "" : ", " + lookahead.innerState()) + ")";
        }
        if (trajectory != null) {
            inner = "TrajectoryLookahead(" + inner + ", k=" + trajectory.k() + ", m=" + trajectory.m() + ", α="
                    + num(trajectory.alpha()) + (trajectory.points().equals("last") ? "" : ", spread")
                    + (trajectory.innerState().equals("none") ? "" : ", " + trajectory.innerState()) + ")";
        }
        return inner;
    }

    @Override
    public String toString() {
        // exact values (labels round): this string feeds study and checkpoint fingerprints
        return base + " " + hyper + (lookahead == null ? "" : " " + lookahead)
                + (trajectory == null ? "" : " " + trajectory)
                + (weightTrajectoryBeta == null ? "" : " weightTrajectoryBeta=" + weightTrajectoryBeta)
                + (schedule == null ? "" : " schedule=" + schedule);
    }

    /** The hyperparameters other than lr (which is tuned or shown on its own), e.g. {@code "(momentum=0.9)"}. */
    private String fixedHyperSuffix() {
        StringBuilder s = new StringBuilder();
        hyper.forEach((key, value) -> {
            if (!key.equals("lr")) {
                s.append(s.length() == 0 ? "(" : ", ").append(key).append('=')
                        .append(value instanceof Number n ? num(n.doubleValue()) : String.valueOf(value));
            }
        });
        return s.length() == 0 ? "" : s.append(')').toString();
    }

    static String displayName(String base) {
        return switch (base) {
            case "sgd" -> "SGD";
            case "adam" -> "Adam";
            case "adamw" -> "AdamW";
            case "rmsprop" -> "RMSProp";
            case "radam" -> "RAdam";
            case "nadam" -> "NAdam";
            case "novograd" -> "NovoGrad";
            case "adabound" -> "AdaBound";
            case "adagrad" -> "Adagrad";
            case "ranger" -> "Ranger";
            default -> base;
        };
    }

    /** A number for a label: integers as such, others to 4 significant digits (0.4010338150 → 0.401). */
    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
