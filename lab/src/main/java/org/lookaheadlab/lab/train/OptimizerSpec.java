package org.lookaheadlab.lab.train;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
 */
public record OptimizerSpec(
        String base,
        Map<String, Object> hyper,
        LookaheadSettings lookahead,
        TrajectorySettings trajectory,
        Double weightTrajectoryBeta) {

    /**
     * Lookahead(k, α, innerState): every k inner steps, slow ← slow + α(θ − slow); θ ← slow.
     *
     * @param innerState none, reset or pullback
     */
    public record LookaheadSettings(int k, double alpha, String innerState) {
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
        return new OptimizerSpec(base, Map.of("lr", lr), null, null, null);
    }

    /** The learning rate. */
    public double lr() {
        return ((Number) hyper.get("lr")).doubleValue();
    }

    /** A copy with hyperparameter {@code key} set to {@code value}. */
    public OptimizerSpec withHyper(String key, Object value) {
        Map<String, Object> h = new LinkedHashMap<>(hyper);
        h.put(key, value);
        return new OptimizerSpec(base, h, lookahead, trajectory, weightTrajectoryBeta);
    }

    /** A copy wrapped in Lookahead(k, α) with innerState none. */
    public OptimizerSpec withLookahead(int k, double alpha) {
        return withLookahead(new LookaheadSettings(k, alpha, "none"));
    }

    public OptimizerSpec withLookahead(LookaheadSettings settings) {
        return new OptimizerSpec(base, hyper, settings, null, weightTrajectoryBeta);
    }

    public OptimizerSpec withTrajectory(TrajectorySettings settings) {
        return new OptimizerSpec(base, hyper, null, settings, weightTrajectoryBeta);
    }

    public OptimizerSpec withWeightTrajectoryBeta(Double beta) {
        return new OptimizerSpec(base, hyper, lookahead, trajectory, beta);
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

    /** Short human label, e.g. {@code Lookahead(Adam, k=5, α=0.5)}. */
    public String label() {
        String inner = displayName(base);
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
        return label() + " " + hyper;
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

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
