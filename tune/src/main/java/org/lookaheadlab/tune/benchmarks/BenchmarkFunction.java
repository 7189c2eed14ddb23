package org.lookaheadlab.tune.benchmarks;

import org.lookaheadlab.tune.Trial;

/**
 * Standard test functions for samplers (all minimised), each suggesting its own parameters x1, x2, … in order.
 * <ul>
 * <li>Branin on x1 ∈ [−5, 10], x2 ∈ [0, 15]: a(x2 − b·x1² + c·x1 − r)² + s(1 − t)·cos x1 + s, with a = 1,
 *     b = 5.1/(4π²), c = 5/π, r = 6, s = 10, t = 1/(8π); minimum 0.397887357729738.</li>
 * <li>Hartmann-6 on [0, 1]⁶: −Σᵢ αᵢ exp(−Σⱼ Aᵢⱼ (xⱼ − Pᵢⱼ)²); minimum −3.32236801141551.</li>
 * </ul>
 */
public enum BenchmarkFunction {
    BRANIN(0.397887357729738) {
        @Override
        public double evaluate(Trial trial) {
            return branin(trial.suggestFloat("x1", -5, 10), trial.suggestFloat("x2", 0, 15));
        }
    },
    HARTMANN6(-3.32236801141551) {
        @Override
        public double evaluate(Trial trial) {
            double[] x = new double[6];
            for (int j = 0; j < 6; j++) {
                x[j] = trial.suggestFloat("x" + (j + 1), 0, 1);
            }
            return hartmann6(x);
        }
    };

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
        {1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
        {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

    private final double minimum;

    BenchmarkFunction(double minimum) {
        this.minimum = minimum;
    }

    /** The global minimum. */
    public double minimum() {
        return minimum;
    }

    /** Suggests the parameters on the trial and returns the function value. */
    public abstract double evaluate(Trial trial);

    /** Parses "branin" or "hartmann6" (case-insensitive). */
    public static BenchmarkFunction parse(String name) {
        for (BenchmarkFunction f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("function must be branin or hartmann6, but got '" + name + "'.");
    }

    public static double branin(double x1, double x2) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double u = x2 - b * x1 * x1 + c * x1 - 6;
        return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    public static double hartmann6(double[] x) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double d = x[j] - P[i][j] * 1e-4;
                inner += A[i][j] * d * d;
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }
}
