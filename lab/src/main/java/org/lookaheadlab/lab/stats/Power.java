package org.lookaheadlab.lab.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Power of the two-sided one-sample (paired) t-test, exactly, and the smallest difference it detects.
 *
 * <p>With n units (paired differences) of standard deviation σ and true mean δ, the t statistic follows the
 * noncentral t distribution with df = n − 1 and noncentrality λ = δ√n/σ: T′ = (Z + λ)/(W/√df), Z standard normal,
 * W chi-distributed with df degrees of freedom and independent of Z. With c = t<sub>1−α/2, df</sub>, the power is
 * <pre>
 *   P(|T′| &gt; c) = E_W[ Φ(λ − c·W/√df) + Φ(−λ − c·W/√df) ],
 * </pre>
 * computed here by composite Simpson integration over the density of W (commons-math3 for Φ, the t quantile and
 * log Γ), accurate to about 1e-9; both tails count. The detectable difference at power 1 − β is δ = λ*·σ/√n,
 * where λ* solves power(λ*) = 1 − β (Brent's method). At n = 5, α = 0.05 and 80% power δ = 1.682σ; at n = 10,
 * 0.996σ (both as G*Power and R's {@code power.t.test(..., strict = TRUE)} give them).
 */
public final class Power {

    private static final int INTERVALS = 4000; // even, for Simpson
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    private static final Map<String, Double> EFFECT_CACHE = new ConcurrentHashMap<>();

    private Power() {}

    /**
     * Power of the two-sided t-test at level {@code alpha} with {@code df} degrees of freedom and noncentrality
     * {@code ncp}.
     *
     * @throws IllegalArgumentException when df &lt; 1 or alpha is outside (0, 1)
     */
    public static double twoSidedT(double ncp, double df, double alpha) {
        if (!(df >= 1)) {
            throw new IllegalArgumentException("df is " + df + ", accepted range: >= 1");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha is " + alpha + ", accepted range (0, 1)");
        }
        double c = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
        double logNorm = (df / 2 - 1) * Math.log(2) + Gamma.logGamma(df / 2);
        double top = Math.sqrt(df) + 12; // the chi density beyond lies below e^-70
        double h = top / INTERVALS;
        double sum = 0;
        for (int i = 0; i <= INTERVALS; i++) {
            double w = i * h;
            double density = w == 0 ? (df == 1 ? Math.exp(-logNorm) : 0)
                    : Math.exp((df - 1) * Math.log(w) - w * w / 2 - logNorm);
            double shift = c * w / Math.sqrt(df);
            double f = density * (NORMAL.cumulativeProbability(ncp - shift)
                    + NORMAL.cumulativeProbability(-ncp - shift));
            sum += f * (i == 0 || i == INTERVALS ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return Math.min(1, sum * h / 3);
    }

    /**
     * The smallest true mean difference, in units of the differences' standard deviation (δ/σ), that a
     * two-sided paired t-test over {@code n} pairs detects with probability {@code power} at level
     * {@code alpha}.
     *
     * @throws IllegalArgumentException when n &lt; 2, or alpha or power are outside (0, 1), or power ≤ alpha
     */
    public static double detectableEffect(int n, double alpha, double power) {
        if (n < 2) {
            throw new IllegalArgumentException("n is " + n + ", accepted range: >= 2 (a t-test needs 2 units)");
        }
        if (!(power > alpha && power < 1)) {
            throw new IllegalArgumentException("power is " + power + ", accepted range: (alpha = " + alpha + ", 1)");
        }
        return EFFECT_CACHE.computeIfAbsent(n + "/" + alpha + "/" + power, k -> {
            int df = n - 1;
            double high = 1;
            while (twoSidedT(high, df, alpha) < power) {
                high *= 2;
            }
            double ncp = new BrentSolver(1e-10).solve(200, x -> twoSidedT(x, df, alpha) - power, 0, high);
            return ncp / Math.sqrt(n);
        });
    }
}
