package org.lookaheadlab.lab.data;

/**
 * The ten 12-point digit templates of mnist1d and their time axis ({@code shared/specs/mnist1d.md} §1),
 * computed from the raw hand-drawn values exactly as {@code get_templates()} computes them. Per row:
 * {@code x −= mean(x)}; {@code x /= std(x)} (ddof 0, NumPy rounding, see {@link NumpyNumerics});
 * {@code x −= x[0]}; {@code x /= 6}. Time axis: {@code t = linspace(−5, 5, 12) / 6}.
 */
public final class Mnist1dTemplates {

    /** Points per template. */
    public static final int LENGTH = 12;

    private static final double[][] RAW = {
        {5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5},
        {5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5},
        {5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5},
        {5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5},
        {5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5},
        {5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5},
        {5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5},
        {5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5},
        {5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5},
        {5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5},
    };

    private static final Mnist1dTemplates INSTANCE = new Mnist1dTemplates();

    private final double[][] x;
    private final double[] t;

    private Mnist1dTemplates() {
        x = new double[RAW.length][];
        for (int d = 0; d < RAW.length; d++) {
            x[d] = whiten(RAW[d]);
        }
        t = NumpyNumerics.linspace(-5.0, 5.0, LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            t[i] = t[i] / 6.0;
        }
    }

    private static double[] whiten(double[] raw) {
        double[] row = raw.clone();
        double m = NumpyNumerics.mean(row);
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] - m;
        }
        double sd = NumpyNumerics.std(row);
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] / sd;
        }
        double first = row[0];
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] - first;
        }
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] / 6.0;
        }
        return row;
    }

    /** The shared, immutable template set. */
    public static Mnist1dTemplates get() {
        return INSTANCE;
    }

    /** Number of templates (digit classes). */
    public int count() {
        return x.length;
    }

    /** A copy of template {@code digit} (12 values). */
    public double[] template(int digit) {
        return x[digit].clone();
    }

    /** A copy of the template time axis (12 values). */
    public double[] time() {
        return t.clone();
    }

    /** Template {@code digit} without copying; callers must not modify it. */
    double[] templateView(int digit) {
        return x[digit];
    }

    /** The time axis without copying; callers must not modify it. */
    double[] timeView() {
        return t;
    }
}
