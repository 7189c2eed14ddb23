package org.lookaheadlab.lab.nqm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.Points;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * The cycle recursion of {@link NqmClosedForm} against two independent computations: the closed forms of SGD and
 * of the Lookahead paper (Proposition 1), and an exact step-by-step propagation of the mean and covariance of the
 * state (slow weights, fast weights, running sum of averaged points) through the optimizer's rule as documented.
 */
class NqmClosedFormTest {

    private static NqmProblem oneCoordinate(double h, double sigma2, double start) {
        return new NqmProblem(new double[] {h}, new double[] {sigma2}, new double[] {start});
    }

    @Test
    void sgdIsTheTextbookStationaryVariance() {
        for (double lr : new double[] {0.05, 0.5, 1.2, 1.9}) {
            double h = 0.8;
            double sigma2 = 0.3;
            double rho = 1 - lr * h;
            NqmClosedForm f = new NqmClosedForm(oneCoordinate(h, sigma2, 0), CycleRule.sgd(lr));
            assertEquals(lr * lr * h * h * sigma2 / (1 - rho * rho), f.steadyVariance(0), 1e-15);
            assertEquals(rho, f.contraction(0), 1e-15);
        }
    }

    @Test
    void lookaheadAgreesWithThePapersProposition() {
        for (double lr : new double[] {0.1, 0.7, 1.5}) {
            for (int k : new int[] {1, 2, 5, 10}) {
                for (double alpha : new double[] {0.1, 0.5, 0.8, 1.0}) {
                    double h = 0.6;
                    NqmClosedForm f = new NqmClosedForm(oneCoordinate(h, h, 0), CycleRule.lookahead(lr, k, alpha));
                    double paper = NqmClosedForm.lookaheadPaperVariance(lr, k, alpha, h, h);
                    assertEquals(paper, f.steadyVariance(0), 1e-13 * paper, lr + " " + k + " " + alpha);
                    if (alpha < 1) {
                        assertTrue(f.steadyVariance(0) < NqmClosedForm.sgdVariance(lr, h, h), "smaller than SGD");
                    }
                    double rk = Math.pow(1 - lr * h, k);
                    assertEquals(1 - alpha * (1 - rk), f.contraction(0), 1e-14, "mean contraction per cycle");
                }
            }
        }
    }

    @Test
    void trajectoryLookaheadWithOnePointIsLookahead() {
        NqmProblem p = NqmProblem.zhang(10, 1);
        NqmClosedForm tl = new NqmClosedForm(p, CycleRule.trajectoryLookahead(0.3, 6, 1, 0.4, Points.LAST));
        NqmClosedForm la = new NqmClosedForm(p, CycleRule.lookahead(0.3, 6, 0.4));
        for (long n : new long[] {0, 1, 7, 40}) {
            assertEquals(la.expectedLoss(n), tl.expectedLoss(n), 1e-15);
        }
        assertEquals(la.steadyStateLoss(), tl.steadyStateLoss(), 1e-15);
    }

    /**
     * The state (φ, x, s) evolves linearly: an inner step x ← ρx + ηh·c, then s ← s + x if the step is averaged;
     * the sync φ ← (1 − α)φ + α·s/m, x ← φ, s ← 0. Mean and covariance propagated exactly step by step.
     */
    @Test
    void trajectoryLookaheadAgreesWithExactStepByStepPropagation() {
        double h = 0.7;
        double sigma2 = 0.5;
        double x0 = 1.3;
        for (Points points : Points.values()) {
            for (int[] km : new int[][] {{5, 3}, {6, 2}, {7, 7}, {4, 1}}) {
                for (double lr : new double[] {0.2, 1.1}) {
                    double alpha = 0.6;
                    int k = km[0];
                    int m = km[1];
                    CycleRule rule = CycleRule.trajectoryLookahead(lr, k, m, alpha, points);
                    NqmClosedForm f = new NqmClosedForm(oneCoordinate(h, sigma2, x0), rule);
                    double[] mean = {x0, x0, 0};
                    double[][] cov = new double[3][3];
                    for (int cycle = 1; cycle <= 300; cycle++) {
                        for (int j = 1; j <= k; j++) {
                            boolean averaged = points == Points.LAST ? j > k - m : isSpread(j, k, m);
                            double rho = 1 - lr * h;
                            // x' = ρx + ηh c; s' = s + x' if averaged
                            double[][] t = {{1, 0, 0}, {0, rho, 0}, {0, averaged ? rho : 0, 1}};
                            double noiseX = lr * h;
                            double[] g = {0, noiseX, averaged ? noiseX : 0};
                            mean = apply(t, mean);
                            cov = add(transform(t, cov), outer(g, sigma2));
                        }
                        double[][] sync = {{1 - alpha, 0, alpha / m}, {1 - alpha, 0, alpha / m}, {0, 0, 0}};
                        mean = apply(sync, mean);
                        cov = transform(sync, cov);
                        if (cycle == 1 || cycle == 9 || cycle == 300) {
                            String what = points + " k=" + k + " m=" + m + " lr=" + lr + " cycle " + cycle;
                            assertEquals(mean[0], f.mean(0, cycle), 1e-12, what);
                            assertEquals(cov[0][0], f.variance(0, cycle), 1e-12 * Math.max(1, cov[0][0]), what);
                        }
                    }
                    assertEquals(f.variance(0, 300), f.steadyVariance(0), 1e-9 * f.steadyVariance(0));
                }
            }
        }
    }

    /** The documented spread rule: steps ⌊j·k/m⌋, j = 1..m. */
    private static boolean isSpread(int step, int k, int m) {
        for (int j = 1; j <= m; j++) {
            if (j * k / m == step) {
                return true;
            }
        }
        return false;
    }

    @Test
    void expectedLossFromAStartDecaysToTheSteadyState() {
        NqmProblem p = NqmProblem.zhang(5, 2.0);
        NqmClosedForm f = new NqmClosedForm(p, CycleRule.lookahead(0.5, 5, 0.5));
        double atStart = 0;
        for (int i = 0; i < 5; i++) {
            atStart += p.h(i) * 4;
        }
        assertEquals(atStart / 2, f.expectedLoss(0), 1e-15);
        assertEquals(f.steadyStateLoss(), f.expectedLoss(100_000), 1e-12);
        assertEquals((f.expectedLoss(3) + f.expectedLoss(4) + f.expectedLoss(5)) / 3, f.meanExpectedLoss(3, 5), 1e-15);
    }

    @Test
    void sgdPastItsStabilityLimitDiverges() {
        NqmClosedForm f = new NqmClosedForm(NqmProblem.zhang(3, 0), CycleRule.sgd(2.5));
        assertEquals(Double.POSITIVE_INFINITY, f.steadyStateLoss());
    }

    @Test
    void onlyPlainSgdAndTheLookaheadFamilyOverItHaveAClosedForm() {
        assertEquals(CycleRule.sgd(0.1), CycleRule.of(OptimizerSpec.parse("sgd(lr=0.1)")));
        assertEquals(CycleRule.lookahead(0.1, 4, 0.3), CycleRule.of(OptimizerSpec.parse("lookahead(sgd(lr=0.1),k=4,alpha=0.3)")));
        assertEquals(CycleRule.trajectoryLookahead(0.1, 6, 2, 0.3, Points.SPREAD), CycleRule.of(
                OptimizerSpec.parse("trajectory-lookahead(sgd(lr=0.1),k=6,m=2,alpha=0.3,points=spread)")));
        for (String text : new String[] {"adam", "sgd(lr=0.1,momentum=0.9)", "ema(sgd)",
                "lookahead(sgd(weightDecay=0.01))", "wtlr(sgd,grouping=tensor)", "sgd(lr=0.1,schedule=cosine)"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CycleRule.of(OptimizerSpec.parse(text)), text);
            assertTrue(e.getMessage().contains("has no NQM closed form here"), e.getMessage());
        }
    }

    private static double[] apply(double[][] t, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                r[i] += t[i][j] * v[j];
            }
        }
        return r;
    }

    /** T C Tᵀ. */
    private static double[][] transform(double[][] t, double[][] c) {
        int n = c.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        r[i][j] += t[i][a] * c[a][b] * t[j][b];
                    }
                }
            }
        }
        return r;
    }

    private static double[][] outer(double[] g, double scale) {
        double[][] r = new double[g.length][g.length];
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                r[i][j] = g[i] * g[j] * scale;
            }
        }
        return r;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] r = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                r[i][j] = a[i][j] + b[i][j];
            }
        }
        return r;
    }
}
