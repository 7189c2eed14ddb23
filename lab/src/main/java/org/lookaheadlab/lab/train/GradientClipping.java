package org.lookaheadlab.lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * Gradient clipping by global L2 norm, as {@code torch.nn.utils.clip_grad_norm_}: with
 * {@code n = sqrt(Σ_p ‖g_p‖²)} over all parameters, every gradient is scaled in place by
 * {@code c = maxNorm / (n + 1e-6)} when {@code c < 1}, so the norm afterwards is at most {@code maxNorm} and the
 * direction is unchanged. It must run before the optimizer step (DJL updates parameters one at a time, so a
 * global quantity cannot be computed inside {@code Optimizer.update}).
 */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * Clips {@code gradients} in place to global norm {@code maxNorm}.
     *
     * @return the global norm before clipping
     */
    public static double clipGlobalNorm(List<NDArray> gradients, double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm is " + maxNorm + ", accepted range: a finite number > 0");
        }
        double norm = globalNorm(gradients);
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) {
            for (NDArray g : gradients) {
                g.muli(coefficient);
            }
        }
        return norm;
    }

    /**
     * {@code sqrt(Σ_p ‖g_p‖²)}, accumulated in float64 on the gradients' device and read back once (one
     * device-to-host transfer per step, not one per parameter).
     */
    @SuppressWarnings("try") // the scope frees the temporary squares
    public static double globalNorm(List<NDArray> gradients) {
        if (gradients.isEmpty()) {
            return 0;
        }
        try (NDScope scope = new NDScope()) {
            NDArray sumOfSquares = null;
            for (NDArray g : gradients) {
                NDArray s = g.toType(DataType.FLOAT64, false).square().sum();
                sumOfSquares = sumOfSquares == null ? s : sumOfSquares.add(s);
            }
            return Math.sqrt(sumOfSquares.getDouble());
        }
    }
}
