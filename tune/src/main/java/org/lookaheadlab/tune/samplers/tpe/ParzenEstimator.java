package org.lookaheadlab.tune.samplers.tpe;

import java.util.Arrays;
import java.util.List;
import org.lookaheadlab.tune.distributions.CategoricalDistribution;
import org.lookaheadlab.tune.distributions.Distribution;
import org.lookaheadlab.tune.distributions.FloatDistribution;
import org.lookaheadlab.tune.distributions.IntDistribution;

/**
 * Builds TPE's Parzen estimator: one product kernel per observation plus a prior kernel.
 *
 * <p><b>Mixture weights:</b> [w_1 … w_m, priorWeight] normalised to sum 1.
 * <p><b>Numerical dimension</b>, in t-space (t = ln x when log): L = low, H = high, widened by step/2 on both
 * sides for a step (every int has one). Centres μ_i = t(x_i). Bandwidth by the neighbour-gap rule: over the
 * sorted μ padded with [L, …, H], σ_j = max(left gap, right gap); with m ≥ 2 the smallest and largest μ use
 * only their inner gap. Magic clip: σ clamped to [(H − L)/min(100, m + 2), H − L]. Prior kernel: μ = (L + H)/2,
 * σ = H − L. Each kernel is a normal truncated to [L, H].
 * <p><b>Categorical dimension</b> (C choices, K = m + 1 kernels): observation row i gives choice c the
 * probability (1[c = c_i] + priorWeight/K)/(1 + C·priorWeight/K); the prior row is uniform.
 */
public final class ParzenEstimator {

    private ParzenEstimator() {
    }

    /**
     * @param dists      one distribution per dimension (fixed order)
     * @param obs        m × d internal values, rows in trial-number order
     * @param obsWeights m observation weights (see {@link TpeDefaults#weights})
     */
    public static ProductMixture build(List<Distribution> dists, double[][] obs, double[] obsWeights,
                                       double priorWeight, boolean magicClip) {
        int m = obs.length;
        int k = m + 1;
        double[] w = Arrays.copyOf(obsWeights, k);
        w[m] = priorWeight;
        double total = 0;
        for (double v : w) {
            total += v;
        }
        for (int i = 0; i < k; i++) {
            w[i] /= total;
        }
        ProductMixture.Dimension[] dims = new ProductMixture.Dimension[dists.size()];
        for (int d = 0; d < dims.length; d++) {
            double[] column = new double[m];
            for (int i = 0; i < m; i++) {
                column[i] = obs[i][d];
            }
            Distribution dist = dists.get(d);
            dims[d] = dist instanceof CategoricalDistribution c
                    ? categorical(c.choices().size(), column, priorWeight)
                    : numeric(dist, column, magicClip);
        }
        return new ProductMixture(w, dims);
    }

    static ProductMixture.Categorical categorical(int nChoices, double[] column, double priorWeight) {
        int m = column.length;
        int k = m + 1;
        double[][] rows = new double[k][nChoices];
        double extra = priorWeight / k;
        double norm = 1 + nChoices * extra;
        for (int i = 0; i < m; i++) {
            Arrays.fill(rows[i], extra / norm);
            rows[i][(int) column[i]] = (1 + extra) / norm;
        }
        Arrays.fill(rows[m], 1.0 / nChoices);
        return new ProductMixture.Categorical(rows);
    }

    static ProductMixture.Numeric numeric(Distribution dist, double[] column, boolean magicClip) {
        double low;
        double high;
        double step;
        boolean log;
        if (dist instanceof FloatDistribution f) {
            low = f.low();
            high = f.high();
            step = f.step() == null ? 0 : f.step();
            log = f.log();
        } else {
            IntDistribution i = (IntDistribution) dist;
            low = i.low();
            high = i.high();
            step = i.step();
            log = i.log();
        }
        double lo = low - step / 2;
        double hi = high + step / 2;
        if (log) {
            lo = Math.log(lo);
            hi = Math.log(hi);
        }
        int m = column.length;
        double[] mu = new double[m + 1];
        for (int i = 0; i < m; i++) {
            mu[i] = log ? Math.log(column[i]) : column[i];
        }
        double[] sigma = new double[m + 1];
        double[] obsSigma = bandwidths(Arrays.copyOf(mu, m), lo, hi, magicClip);
        System.arraycopy(obsSigma, 0, sigma, 0, m);
        mu[m] = 0.5 * (lo + hi);
        sigma[m] = hi - lo;
        return new ProductMixture.Numeric(mu, sigma, lo, hi, low, high, step, log);
    }

    /** The first index in sorted[from, to) holding a value ≥ v. */
    private static int firstIndexOf(double[] sorted, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Neighbour-gap bandwidths of the centres mu on [lo, hi], with the magic clip. */
    static double[] bandwidths(double[] mu, double lo, double hi, boolean magicClip) {
        int m = mu.length;
        double[] sigma = new double[m];
        if (m == 0) {
            return sigma;
        }
        double[] sorted = new double[m + 2];
        System.arraycopy(mu, 0, sorted, 1, m);
        Arrays.sort(sorted, 1, m + 1);
        sorted[0] = lo;
        sorted[m + 1] = hi;
        double[] sortedSigma = new double[m + 2];
        for (int j = 1; j <= m; j++) {
            double s = Math.max(sorted[j] - sorted[j - 1], sorted[j + 1] - sorted[j]);
            if (m >= 2) {
                if (j == 1) {
                    s = sorted[2] - sorted[1];
                } else if (j == m) {
                    s = sorted[m] - sorted[m - 1];
                }
            }
            sortedSigma[j] = s;
        }
        // map back as a stable sort would: tied centres take consecutive sorted positions in original order
        int[] usedAtRunStart = new int[m + 2];
        for (int i = 0; i < m; i++) {
            int first = firstIndexOf(sorted, 1, m + 1, mu[i]);
            sigma[i] = sortedSigma[first + usedAtRunStart[first]++];
        }
        double max = hi - lo;
        double min = magicClip ? max / Math.min(100.0, m + 2.0) : 1e-12;
        for (int i = 0; i < m; i++) {
            sigma[i] = Math.max(min, Math.min(max, sigma[i]));
        }
        return sigma;
    }
}
