package org.lookaheadlab.tune.samplers.tpe;

import java.util.Arrays;

/** Optuna's default gamma and observation weights. */
public final class TpeDefaults {

    private TpeDefaults() {
    }

    /** gamma(n) = min(ceil(0.1·n), 25): how many of n finished trials form the "below" (good) group. */
    public static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /**
     * Observation weights for m trials sorted by number: all 1 when m &lt; 25; else a linear ramp from 1/m to 1
     * over the first m − 25 trials followed by 25 ones (older trials count less).
     */
    public static double[] weights(int m) {
        double[] w = new double[m];
        Arrays.fill(w, 1.0);
        if (m >= 25) {
            int ramp = m - 25;
            double lo = 1.0 / m;
            for (int i = 0; i < ramp; i++) {
                w[i] = ramp == 1 ? lo : lo + (1.0 - lo) * i / (ramp - 1);
            }
        }
        return w;
    }
}
