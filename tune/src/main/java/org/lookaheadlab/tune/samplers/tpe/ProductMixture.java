package org.lookaheadlab.tune.samplers.tpe;

import java.util.SplittableRandom;

/**
 * A mixture of product kernels: kernel k has weight w_k and one component per dimension; all dimensions share
 * the kernel index, which is how the multivariate TPE captures correlations.
 *
 * <p><b>Sampling:</b> draw k ~ Categorical(w); per dimension, a categorical component draws from row k; a
 * numerical one draws t = μ_k + σ_k·z with z from the standard normal truncated to [(L − μ_k)/σ_k,
 * (H − μ_k)/σ_k] (inverse CDF of a uniform), then x = exp(t) when log, and x is rounded to the step grid
 * (half-to-even) and clipped to [low, high] when discrete.
 * <p><b>Log density:</b> log Σ_k w_k Π_d p_kd(x_d) by log-sum-exp, where p_kd is the row probability
 * (categorical), the truncated normal density in t-space (continuous; no Jacobian), or the exact bin mass
 * Φ((r − μ)/σ) − Φ((l − μ)/σ) over the truncation mass, with [l, r] = x ± step/2 in t-space (discrete).
 */
public final class ProductMixture {

    private final double[] logWeights;
    private final double[] cumulative;
    private final Dimension[] dims;

    ProductMixture(double[] weights, Dimension[] dims) {
        this.dims = dims;
        int k = weights.length;
        logWeights = new double[k];
        cumulative = new double[k];
        double acc = 0;
        for (int i = 0; i < k; i++) {
            logWeights[i] = Math.log(weights[i]);
            acc += weights[i];
            cumulative[i] = acc;
        }
        cumulative[k - 1] = 1.0;
    }

    /** Number of kernels (observations + prior). */
    public int size() {
        return logWeights.length;
    }

    /** n samples, each one internal value per dimension. */
    public double[][] sample(SplittableRandom rng, int n) {
        double[][] out = new double[n][dims.length];
        for (int i = 0; i < n; i++) {
            int k = pick(cumulative, rng.nextDouble());
            for (int d = 0; d < dims.length; d++) {
                out[i][d] = dims[d].sample(k, rng);
            }
        }
        return out;
    }

    /** The log density of each point. */
    public double[] logPdf(double[][] xs) {
        int n = xs.length;
        int k = logWeights.length;
        double[] out = new double[n];
        double[] acc = new double[k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(logWeights, 0, acc, 0, k);
            for (int d = 0; d < dims.length; d++) {
                dims[d].addLogPdf(xs[i][d], acc);
            }
            out[i] = logSumExp(acc);
        }
        return out;
    }

    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (max == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double s = 0;
        double cutoff = max - 40; // terms below e^-40 of the largest cannot change the double sum
        for (double x : v) {
            if (x > cutoff) {
                s += Math.exp(x - max);
            }
        }
        return max + Math.log(s);
    }

    /** The number of cumulative values below u (the last cumulative value is 1). */
    static int pick(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** One dimension of every kernel. */
    interface Dimension {
        double sample(int kernel, SplittableRandom rng);

        /** Adds ln p_k(x) to acc[k] for every kernel k. */
        void addLogPdf(double x, double[] acc);
    }

    /** Categorical rows, one per kernel. */
    static final class Categorical implements Dimension {
        private final double[][] logRows;
        private final double[][] cumRows;

        Categorical(double[][] rows) {
            logRows = new double[rows.length][];
            cumRows = new double[rows.length][];
            for (int k = 0; k < rows.length; k++) {
                int c = rows[k].length;
                logRows[k] = new double[c];
                cumRows[k] = new double[c];
                double acc = 0;
                for (int j = 0; j < c; j++) {
                    logRows[k][j] = Math.log(rows[k][j]);
                    acc += rows[k][j];
                    cumRows[k][j] = acc;
                }
                cumRows[k][c - 1] = 1.0;
            }
        }

        @Override
        public double sample(int kernel, SplittableRandom rng) {
            return pick(cumRows[kernel], rng.nextDouble());
        }

        @Override
        public void addLogPdf(double x, double[] acc) {
            int c = (int) x;
            for (int k = 0; k < acc.length; k++) {
                acc[k] += logRows[k][c];
            }
        }
    }

    /** Truncated normal kernels in t-space, continuous or binned onto a step grid. */
    static final class Numeric implements Dimension {
        private final double[] mu;
        private final double[] sigma;
        private final double[] invSigma;
        private final double[] a;
        private final double[] b;
        /** −ln σ − ln mass − ln√(2π) (continuous) or −ln mass (discrete), per kernel. */
        private final double[] constant;
        private final double lo;
        private final double hi;
        private final double low;
        private final double high;
        private final double step;
        private final boolean log;

        Numeric(double[] mu, double[] sigma, double lo, double hi, double low, double high, double step,
                boolean log) {
            this.mu = mu;
            this.sigma = sigma;
            this.lo = lo;
            this.hi = hi;
            this.low = low;
            this.high = high;
            this.step = step;
            this.log = log;
            int k = mu.length;
            invSigma = new double[k];
            a = new double[k];
            b = new double[k];
            constant = new double[k];
            for (int i = 0; i < k; i++) {
                invSigma[i] = 1.0 / sigma[i];
                a[i] = (lo - mu[i]) * invSigma[i];
                b[i] = (hi - mu[i]) * invSigma[i];
                double lnMass = TruncNorm.logMass(a[i], b[i]);
                constant[i] = step > 0 ? -lnMass : -Math.log(sigma[i]) - lnMass - TruncNorm.LN_SQRT_2PI;
            }
        }

        @Override
        public double sample(int kernel, SplittableRandom rng) {
            double z = TruncNorm.truncatedPpf(rng.nextDouble(), a[kernel], b[kernel]);
            double x = mu[kernel] + sigma[kernel] * z;
            x = Math.max(lo, Math.min(hi, x));
            if (log) {
                x = Math.exp(x);
            }
            if (step > 0) {
                x = low + Math.rint((x - low) / step) * step;
            }
            return Math.max(low, Math.min(high, x));
        }

        @Override
        public void addLogPdf(double x, double[] acc) {
            if (step > 0) {
                double l = x - step / 2;
                double r = x + step / 2;
                if (log) {
                    l = Math.log(l);
                    r = Math.log(r);
                }
                for (int k = 0; k < acc.length; k++) {
                    double zl = Math.max((l - mu[k]) * invSigma[k], a[k]);
                    double zr = Math.min((r - mu[k]) * invSigma[k], b[k]);
                    acc[k] += zr > zl ? TruncNorm.logMass(zl, zr) + constant[k] : Double.NEGATIVE_INFINITY;
                }
                return;
            }
            double t = log ? Math.log(x) : x;
            if (t < lo || t > hi) {
                for (int k = 0; k < acc.length; k++) {
                    acc[k] = Double.NEGATIVE_INFINITY;
                }
                return;
            }
            for (int k = 0; k < acc.length; k++) {
                double z = (t - mu[k]) * invSigma[k];
                acc[k] += constant[k] - 0.5 * z * z;
            }
        }
    }
}
