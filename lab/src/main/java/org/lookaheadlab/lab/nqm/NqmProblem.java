package org.lookaheadlab.lab.nqm;

import java.util.Arrays;
import java.util.Locale;

/**
 * A noisy quadratic model (Zhang et al. 2019, as used in the Lookahead paper's §3): the loss of a step is
 * {@code ½ Σᵢ hᵢ (xᵢ − cᵢ)²} with {@code c ~ N(0, diag(σ²))} drawn afresh at every step, so the stochastic gradient
 * is {@code h ⊙ (x − c)}, and the loss this model reports is its expectation over c less the constant
 * {@code ½ Σ hᵢσᵢ²}: {@code ½ Σᵢ hᵢ xᵢ²} (whose expectation over x is {@code ½ Σᵢ hᵢ (Var xᵢ + (E xᵢ)²)}).
 *
 * @param h curvatures hᵢ &gt; 0, one per dimension
 * @param sigma2 noise variances σᵢ² ≥ 0
 * @param start the deterministic starting point x₀
 */
public record NqmProblem(double[] h, double[] sigma2, double[] start) {

    public NqmProblem {
        if (h == null || h.length == 0) {
            throw new IllegalArgumentException("h is empty, accepted: one curvature per dimension");
        }
        if (sigma2 == null || sigma2.length != h.length || start == null || start.length != h.length) {
            throw new IllegalArgumentException("h, sigma2 and start have " + h.length + ", "
                    + (sigma2 == null ? 0 : sigma2.length) + " and " + (start == null ? 0 : start.length)
                    + " values, accepted: the same number (the dimension)");
        }
        for (int i = 0; i < h.length; i++) {
            check("h", i, h[i], h[i] > 0, "(0, ∞)");
            check("sigma2", i, sigma2[i], sigma2[i] >= 0, "[0, ∞)");
            check("start", i, start[i], true, "finite numbers");
        }
        h = h.clone();
        sigma2 = sigma2.clone();
        start = start.clone();
    }

    private static void check(String field, int i, double v, boolean ok, String range) {
        if (!ok || !Double.isFinite(v)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s[%d] is %s, accepted range: %s",
                    field, i + 1, v, range));
        }
    }

    /** Zhang et al.'s NQM: hᵢ = 1/i and σᵢ² = hᵢ for i = 1..dim, started at x₀ = start in every coordinate. */
    public static NqmProblem zhang(int dim, double start) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim is " + dim + ", accepted range: >= 1");
        }
        double[] h = new double[dim];
        for (int i = 0; i < dim; i++) {
            h[i] = 1.0 / (i + 1);
        }
        double[] x0 = new double[dim];
        Arrays.fill(x0, start);
        return new NqmProblem(h, h, x0);
    }

    /** The dimension. */
    public int dim() {
        return h.length;
    }

    @Override
    public double[] h() {
        return h.clone();
    }

    @Override
    public double[] sigma2() {
        return sigma2.clone();
    }

    @Override
    public double[] start() {
        return start.clone();
    }

    /** hᵢ. */
    public double h(int i) {
        return h[i];
    }

    /** σᵢ². */
    public double sigma2(int i) {
        return sigma2[i];
    }

    /** x₀ᵢ. */
    public double start(int i) {
        return start[i];
    }

    /** The largest curvature (SGD is stable for η · max h &lt; 2). */
    public double maxH() {
        return Arrays.stream(h).max().orElseThrow();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NqmProblem p && Arrays.equals(h, p.h) && Arrays.equals(sigma2, p.sigma2)
                && Arrays.equals(start, p.start);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(h) * 961 + Arrays.hashCode(sigma2) * 31 + Arrays.hashCode(start);
    }

    @Override
    public String toString() {
        return "NqmProblem(dim=" + h.length + ")";
    }
}
