package org.lookaheadlab.lab.nqm;

import java.util.Locale;
import org.lookaheadlab.optim.Points;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * One method of an NQM study at every learning rate: {@code sgd}, {@code lookahead} (k, α) or
 * {@code trajectory-lookahead} (k, m, α, points), all over plain SGD.
 *
 * @param method sgd | lookahead | trajectory-lookahead
 * @param k inner steps per cycle (1 for sgd)
 * @param m averaged points (trajectory-lookahead; 1 otherwise)
 * @param alpha slow step size (1 for sgd)
 * @param points which points trajectory-lookahead averages
 */
public record NqmContender(String method, int k, int m, double alpha, Points points) {

    /** The method names. */
    public static final java.util.List<String> METHODS = java.util.List.of("sgd", "lookahead", "trajectory-lookahead");

    public NqmContender {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method '" + method + "' is unknown, accepted: "
                    + String.join(", ", METHODS));
        }
    }

    /** The optimizer at learning rate {@code lr}. */
    public OptimizerSpec spec(double lr) {
        return CycleRule.spec(method, lr, k, m, alpha, points);
    }

    /** Its cycle rule at learning rate {@code lr}. */
    public CycleRule rule(double lr) {
        return CycleRule.of(spec(lr));
    }

    /** A short label, e.g. {@code lookahead α=0.5} or {@code trajectory-lookahead α=0.5 m=3}. */
    public String label() {
        return switch (method) {
            case "sgd" -> "sgd";
            case "lookahead" -> String.format(Locale.ROOT, "lookahead α=%s", num(alpha));
            default -> String.format(Locale.ROOT, "trajectory-lookahead α=%s m=%d%s", num(alpha), m,
                    points == Points.SPREAD ? " spread" : "");
        };
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
