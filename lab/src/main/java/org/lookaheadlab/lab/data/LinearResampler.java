package org.lookaheadlab.lab.data;

/**
 * Resamples a signal of {@code m} points to {@code n} points by linear interpolation, as mnist1d's
 * {@code interpolate(x, N)}: source knots {@code xs = linspace(0, 1, m)}, targets {@code xn = linspace(0, 1, n)},
 * with {@code numpy.interp} semantics ({@code shared/specs/mnist1d.md} §3.3):
 *
 * <ul>
 *   <li>{@code xv ≥ xs[m−1]}: the last value exactly;</li>
 *   <li>otherwise {@code j} = the largest index with {@code xs[j] ≤ xv}; if {@code xs[j] == xv} the value
 *       {@code y[j]} exactly, else {@code slope·(xv − xs[j]) + y[j]} with
 *       {@code slope = (y[j+1] − y[j]) / (xs[j+1] − xs[j])}, rounded in that order.</li>
 * </ul>
 *
 * The knot search is done once per {@code (m, n)}; {@link #resample} then allocates nothing.
 */
public final class LinearResampler {

    private final int sourceLength;
    private final int targetLength;
    /** Per target: the knot index j, or −1 − j when the target coincides with knot j (copy exactly). */
    private final int[] knot;
    /** Per target: xv − xs[j]. */
    private final double[] offset;
    /** Per target: xs[j+1] − xs[j]. */
    private final double[] width;

    /**
     * @param sourceLength number of source points, ≥ 2
     * @param targetLength number of output points, ≥ 2
     */
    public LinearResampler(int sourceLength, int targetLength) {
        if (sourceLength < 2) {
            throw new IllegalArgumentException("sourceLength must be >= 2, got " + sourceLength);
        }
        if (targetLength < 2) {
            throw new IllegalArgumentException("targetLength must be >= 2, got " + targetLength);
        }
        this.sourceLength = sourceLength;
        this.targetLength = targetLength;
        double[] xs = NumpyNumerics.linspace(0.0, 1.0, sourceLength);
        double[] xn = NumpyNumerics.linspace(0.0, 1.0, targetLength);
        knot = new int[targetLength];
        offset = new double[targetLength];
        width = new double[targetLength];
        int last = sourceLength - 1;
        int j = 0;
        for (int i = 0; i < targetLength; i++) {
            double xv = xn[i];
            if (xv >= xs[last]) {
                knot[i] = -1 - last;
                continue;
            }
            while (j + 1 < last && xs[j + 1] <= xv) {
                j++;
            }
            while (j > 0 && xs[j] > xv) {
                j--;
            }
            if (xs[j] == xv) {
                knot[i] = -1 - j;
            } else {
                knot[i] = j;
                offset[i] = xv - xs[j];
                width[i] = xs[j + 1] - xs[j];
            }
        }
    }

    public int sourceLength() {
        return sourceLength;
    }

    public int targetLength() {
        return targetLength;
    }

    /** Writes the resampled {@code y[0..sourceLength)} into {@code out[0..targetLength)}. */
    public void resample(double[] y, double[] out) {
        for (int i = 0; i < targetLength; i++) {
            int j = knot[i];
            if (j < 0) {
                out[i] = y[-1 - j];
            } else {
                double slope = (y[j + 1] - y[j]) / width[i];
                out[i] = slope * offset[i] + y[j];
            }
        }
    }

    /** Convenience: a new array with the resampled values. */
    public double[] resample(double[] y) {
        double[] out = new double[targetLength];
        resample(y, out);
        return out;
    }
}
