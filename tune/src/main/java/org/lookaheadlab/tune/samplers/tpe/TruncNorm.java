package org.lookaheadlab.tune.samplers.tpe;

/**
 * Normal and truncated-normal numerics in double precision, accurate in the far tails (needed for discrete
 * bin masses far from a kernel).
 *
 * <ul>
 * <li>erfc: for |x| &lt; 2.5 from the all-positive series erf(x) = 2/√π·e^(−x²)·Σ (2x²)^n·x/(2n+1)!!, else the
 *     continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))), evaluated backwards;</li>
 * <li>Φ(x) = ½·erfc(−x/√2); log Φ(x): −Φ(−x) for x &gt; 6, the asymptotic series for x ≤ −20, else ln Φ(x);</li>
 * <li>ln mass(a, b) = ln(Φ(b) − Φ(a)) in three cases (left tail, right tail by symmetry, central);</li>
 * <li>Φ⁻¹: Acklam's rational approximation refined by two Halley steps;</li>
 * <li>truncated inverse CDF at q on [a, b]: Φ⁻¹ of Φ(a) + q(Φ(b) − Φ(a)), taken in whichever tail keeps
 *     precision.</li>
 * </ul>
 */
public final class TruncNorm {

    static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);
    private static final double INV_SQRT_PI = 1.0 / Math.sqrt(Math.PI);

    private TruncNorm() {
    }

    /** The complementary error function. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < 2.5) {
            return 1.0 - erfSeries(x);
        }
        if (x > 27.3) {
            return 0.0;
        }
        int terms = x < 4 ? 60 : x < 8 ? 30 : 15;
        double t = x;
        for (int n = terms; n >= 1; n--) {
            t = x + (0.5 * n) / t;
        }
        return Math.exp(-x * x) * INV_SQRT_PI / t;
    }

    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }

    /** The standard normal CDF Φ(x). */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / SQRT2);
    }

    /** ln Φ(x), finite down to x ≈ −1e154. */
    public static double logCdf(double x) {
        if (x > 6) {
            return -cdf(-x);
        }
        if (x > -20) {
            return Math.log(cdf(x));
        }
        double x2 = x * x;
        double inv = 1.0 / x2;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 100; k++) {
            double next = -term * (2 * k - 1) * inv;
            if (Math.abs(next) >= Math.abs(term)) {
                break;
            }
            term = next;
            double old = sum;
            sum += term;
            if (sum == old) {
                break;
            }
        }
        return -0.5 * x2 - Math.log(-x) - LN_SQRT_2PI + Math.log(sum);
    }

    /** ln(Φ(b) − Φ(a)) for a ≤ b. */
    public static double logMass(double a, double b) {
        if (b <= 0) {
            double lb = logCdf(b);
            return lb + Math.log1p(-Math.exp(logCdf(a) - lb));
        }
        if (a > 0) {
            return logMass(-b, -a);
        }
        // central case; a tail beyond 8.5σ holds < 1e-17 and cannot change log1p's result
        double left = a < -8.5 ? 0.0 : cdf(a);
        double right = b > 8.5 ? 0.0 : cdf(-b);
        return log1mSmall(left + right);
    }

    /** ln(1 − t) for 0 ≤ t ≤ 1: a four-term series below 1e-4 (error &lt; t⁵/5), else Math.log (no log1p cost). */
    static double log1mSmall(double t) {
        if (t < 1e-4) {
            return -t * (1 + t * (0.5 + t * (1.0 / 3 + t * 0.25)));
        }
        return Math.log(1 - t);
    }

    /** Φ⁻¹(p) for p in [0, 1]. */
    public static double ppf(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (p > 0.5) {
            return -lowerPpf(1.0 - p);
        }
        return lowerPpf(p);
    }

    /** Φ⁻¹(p) for 0 &lt; p ≤ ½, refined so that the result is accurate to ~1e-15 relative even for tiny p. */
    private static double lowerPpf(double p) {
        double x = acklam(p);
        for (int i = 0; i < 2; i++) {
            double e = cdf(x) - p;
            double u = e * Math.exp(0.5 * x * x + LN_SQRT_2PI);
            if (!Double.isFinite(u)) {
                break;
            }
            x = x - u / (1 + 0.5 * x * u);
        }
        return x;
    }

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};

    /** Acklam's approximation of Φ⁻¹ for 0 &lt; p ≤ ½ (relative error ~1e-9 before refinement). */
    private static double acklam(double p) {
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }

    /** The inverse CDF of the standard normal truncated to [a, b], at q in [0, 1]. */
    public static double truncatedPpf(double q, double a, double b) {
        if (a == b) {
            return Double.NaN;
        }
        if (q <= 0) {
            return a;
        }
        if (q >= 1) {
            return b;
        }
        if (a > 0) {
            return -truncatedPpf(1 - q, -b, -a);
        }
        double pa = cdf(a);
        double pb = cdf(b);
        double p = pa + q * (pb - pa);
        double x;
        if (p <= 0.5) {
            x = ppf(p);
        } else {
            double upper = (1 - q) * cdf(-a) + q * cdf(-b);
            x = -ppf(upper);
        }
        return Math.max(a, Math.min(b, x));
    }

    /** ln of the density of N(μ, σ) truncated to [μ + aσ, μ + bσ] at x; −∞ outside. */
    public static double truncatedLogPdf(double x, double a, double b, double mu, double sigma) {
        double z = (x - mu) / sigma;
        if (z < a || z > b) {
            return Double.NEGATIVE_INFINITY;
        }
        return -0.5 * z * z - LN_SQRT_2PI - Math.log(sigma) - logMass(a, b);
    }
}
