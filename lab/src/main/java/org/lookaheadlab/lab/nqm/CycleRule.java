package org.lookaheadlab.lab.nqm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.lookaheadlab.optim.Points;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Registry;

/**
 * The linear rule one cycle of an optimizer applies to a coordinate of the NQM, for the optimizers whose NQM
 * steady state has a closed form here: plain SGD and the Lookahead family over it. A cycle is k inner SGD steps
 * at learning rate η from the slow weights φ (x₀ = φ), then {@code φ' = (1 − α)·φ + α·Σⱼ ωⱼ xⱼ}, with weights ωⱼ
 * over the fast points x₁ … x_k summing to one:
 * <ul>
 *   <li>SGD: k = 1, α = 1, ω₁ = 1 (every step is a "cycle");</li>
 *   <li>Lookahead(k, α): ω_k = 1 (the last fast point);</li>
 *   <li>TrajectoryLookahead(k, m, α, points): ωⱼ = 1/m on the m averaged steps, which are, by the rule in that
 *       optimizer's documentation, k − m + 1 … k ({@code points=last}) or ⌊j·k/m⌋ for j = 1..m
 *       ({@code points=spread}); worked out here from that rule, not taken from the optimizer.</li>
 * </ul>
 *
 * @param lr the inner SGD learning rate η
 * @param k inner steps per cycle
 * @param alpha slow step size α
 * @param weights ω₁ … ω_k (index j − 1)
 */
public record CycleRule(double lr, int k, double alpha, double[] weights) {

    public CycleRule {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("lr is " + lr + ", accepted range: (0, ∞)");
        }
        if (k < 1 || weights == null || weights.length != k) {
            throw new IllegalArgumentException("k is " + k + " with " + (weights == null ? 0 : weights.length)
                    + " weights, accepted: k >= 1 and one weight per inner step");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha is " + alpha + ", accepted range: [0, 1]");
        }
        weights = weights.clone();
    }

    /** Plain SGD at learning rate η. */
    public static CycleRule sgd(double lr) {
        return new CycleRule(lr, 1, 1, new double[] {1});
    }

    /** Lookahead(SGD(η), k, α): the slow weights move toward the last fast point. */
    public static CycleRule lookahead(double lr, int k, double alpha) {
        double[] w = new double[k];
        w[k - 1] = 1;
        return new CycleRule(lr, k, alpha, w);
    }

    /** TrajectoryLookahead(SGD(η), k, m, α, points): toward the mean of m fast points of the cycle. */
    public static CycleRule trajectoryLookahead(double lr, int k, int m, double alpha, Points points) {
        if (m < 1 || m > k) {
            throw new IllegalArgumentException("m is " + m + ", accepted range: [1, k = " + k + "]");
        }
        double[] w = new double[k];
        for (int j = 1; j <= m; j++) {
            int step = points == Points.LAST ? k - m + j : (int) ((long) j * k / m);
            w[step - 1] += 1.0 / m;
        }
        return new CycleRule(lr, k, alpha, w);
    }

    /**
     * The rule of {@code spec} if it is one with a closed form here: {@code sgd(lr=η)} (no momentum, weight decay,
     * clipping or schedule), {@code lookahead(sgd(...), k, alpha)} or {@code trajectory-lookahead(sgd(...), k, m,
     * alpha, points)}, both with {@code innerState=none} (plain SGD has no inner state either way).
     *
     * @throws IllegalArgumentException naming what has no closed form
     */
    public static CycleRule of(OptimizerSpec spec) {
        OptimizerSpec.Base base = spec.base();
        if (!base.name().equals("sgd") || !base.hyperparameters().keySet().stream().allMatch("lr"::equals)
                || base.schedule() != null) {
            throw new IllegalArgumentException("optimizer '" + spec.format() + "' has no NQM closed form here, "
                    + "accepted: sgd(lr=η), lookahead(sgd(lr=η),k=K,alpha=A), trajectory-lookahead(sgd(lr=η),"
                    + "k=K,m=M,alpha=A,points=last|spread)");
        }
        double lr = base.lr();
        int depth = spec.chain().size();
        if (depth == 1) {
            return sgd(lr);
        }
        if (depth == 2 && spec instanceof OptimizerSpec.Wrapper w && (w.name().equals(Registry.LOOKAHEAD)
                || w.name().equals(Registry.TRAJECTORY_LOOKAHEAD))) {
            Map<String, Object> v = w.values();
            int k = ((Number) v.get("k")).intValue();
            double alpha = ((Number) v.get("alpha")).doubleValue();
            if (w.name().equals(Registry.LOOKAHEAD)) {
                return lookahead(lr, k, alpha);
            }
            return trajectoryLookahead(lr, k, ((Number) v.get("m")).intValue(), alpha,
                    Points.parse(String.valueOf(v.get("points"))));
        }
        throw new IllegalArgumentException("optimizer '" + spec.format() + "' has no NQM closed form here, "
                + "accepted: sgd, lookahead(sgd) or trajectory-lookahead(sgd)");
    }

    /** The spec whose run on the engine this rule describes (inner state none: SGD has none to keep or reset). */
    public static OptimizerSpec spec(String method, double lr, int k, int m, double alpha, Points points) {
        OptimizerSpec.Base sgd = OptimizerSpec.of("sgd", lr);
        return switch (method) {
            case "sgd" -> sgd;
            case "lookahead" -> OptimizerSpec.wrap(Registry.LOOKAHEAD, sgd,
                    Map.of("k", k, "alpha", alpha, "innerState", "none"));
            case "trajectory-lookahead" -> OptimizerSpec.wrap(Registry.TRAJECTORY_LOOKAHEAD, sgd, Map.of("k", k,
                    "m", m, "alpha", alpha, "points", points.name().toLowerCase(Locale.ROOT), "innerState", "none"));
            default -> throw new IllegalArgumentException(
                    "method '" + method + "' is unknown, accepted: sgd, lookahead, trajectory-lookahead");
        };
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** ωⱼ for j = 1..k. */
    public double weight(int j) {
        return weights[j - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CycleRule r && r.lr == lr && r.k == k && r.alpha == alpha
                && Arrays.equals(r.weights, weights);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lr) * 31 * 31 + k * 31 + Double.hashCode(alpha) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CycleRule(lr=%s, k=%d, alpha=%s, weights=%s)", lr, k, alpha,
                Arrays.toString(weights));
    }
}
