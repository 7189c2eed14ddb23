package org.lookaheadlab.lab.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of a family of p-values for multiple comparisons (Holm 1979), which controls the
 * family-wise error rate without assuming independence.
 *
 * <p>For the m defined p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted values are
 * p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1) · p₍ⱼ₎), returned in the input order. NaN entries (tests that
 * could not be run) stay NaN and do not count towards m. With m = 1 the value is unchanged.
 */
public final class HolmCorrection {

    private HolmCorrection() {}

    /**
     * @throws IllegalArgumentException when a defined p-value lies outside [0, 1]
     */
    public static double[] adjust(double[] p) {
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i]) && !(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p[" + i + "] is " + p[i] + ", accepted range: [0, 1] or NaN");
            }
        }
        int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = order.length;
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            running = Math.max(running, Math.min(1.0, (m - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
