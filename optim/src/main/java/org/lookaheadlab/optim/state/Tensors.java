package org.lookaheadlab.optim.state;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.nio.FloatBuffer;

/** Small NDArray helpers shared by the optimizers. */
public final class Tensors {

    /** The whole array ({@code ...}); immutable, parsed once. */
    private static final NDIndex ALL = new NDIndex("...");

    private Tensors() {}

    /**
     * Makes {@code array} outlive the current {@link NDScope} and the manager it was created in: it is
     * unregistered from the scope and detached; its owner must close it.
     */
    public static NDArray keep(NDArray array) {
        NDScope.unregister(array);
        array.detach();
        return array;
    }

    /** An owned copy of {@code source} (same device, dtype, values). */
    public static NDArray keepCopy(NDArray source) {
        return keep(source.duplicate());
    }

    /**
     * Copies the values of {@code source} into {@code target} in place (same tensor identity), exactly: an
     * assignment to the whole of {@code target} ({@code target[...] = source}, the engine's in-place copy), which
     * stays on the device and, unlike a round trip through a Java buffer, allocates nothing. Both arrays must
     * have the same shape and dtype.
     */
    public static void copyInto(NDArray source, NDArray target) {
        target.set(ALL, source);
    }

    /**
     * {@code target ← y + k·(z − y)}, computed as {@code (z − y)·k + y} (k may lie outside [0, 1]: an
     * extrapolation), exactly y when k = 0. {@code target} may be {@code y} itself (then z − y goes through a
     * temporary, closed here) or a third array of the same shape and dtype.
     */
    @SuppressWarnings("try") // the scope is used for its close() only
    public static void lerp(NDArray y, NDArray z, double k, NDArray target) {
        if (target == y) {
            try (NDScope scope = new NDScope()) {
                y.addi(z.sub(y).muli(k));
            }
        } else {
            copyInto(z, target);
            target.subi(y).muli(k).addi(y);
        }
    }

    /**
     * Σᵢ (aᵢ − bᵢ)² over all elements of two arrays of the same shape and dtype. For float32 arrays on the CPU
     * the sum is taken in Java directly on the engine's memory (one native call per array to expose it, no
     * temporaries): each difference in float32, as the engine computes it, then squared and summed in float64
     * (eight interleaved partial sums, added pairwise at the end). Otherwise it is the engine's
     * {@code sum(square(a − b))} in the arrays' dtype, read back.
     */
    @SuppressWarnings("try") // the scope is used for its close() only
    public static double squaredDistance(NDArray a, NDArray b) {
        try (NDScope scope = new NDScope()) { // frees any contiguous copy the engine makes to expose memory
            if (isCpuFloat32(a) && isCpuFloat32(b)) {
                return squaredDistance(a.toByteBuffer(true).asFloatBuffer(), b.toByteBuffer(true).asFloatBuffer());
            }
            return a.sub(b).square().sum().toArray()[0].doubleValue();
        }
    }

    /**
     * Whether {@code a} is a float32 array on the CPU, whose memory {@link #squaredDistance(NDArray, float[])}
     * reads directly (and whose values {@link #floatValues} can hold).
     */
    public static boolean isCpuFloat32(NDArray a) {
        return a.getDataType() == DataType.FLOAT32 && Device.Type.CPU.equals(a.getDevice().getDeviceType());
    }

    /**
     * The values of a float32 CPU array, row-major (logical order), as a Java array: a host copy for a reference
     * that never changes (such as WeightTrajectoryLR's W₀), so that {@link #squaredDistance(NDArray, float[])}
     * reads only the other operand from the engine.
     */
    public static float[] floatValues(NDArray a) {
        if (!isCpuFloat32(a)) {
            throw new IllegalArgumentException("floatValues: a float32 CPU array is needed, got "
                    + a.getDataType() + " on " + a.getDevice());
        }
        return a.toFloatArray();
    }

    /**
     * Σᵢ (aᵢ − bᵢ)² for a float32 CPU array {@code a} and the values {@code b} of an array of the same shape (see
     * {@link #floatValues}), bit-identical to {@link #squaredDistance(NDArray, NDArray)} of {@code a} and that
     * array: the same float32 differences, squared and summed in float64 in the same order. Only {@code a}'s
     * memory is read from the engine (one exposure per call).
     */
    @SuppressWarnings("try") // the scope is used for its close() only
    public static double squaredDistance(NDArray a, float[] b) {
        if (!isCpuFloat32(a)) {
            throw new IllegalArgumentException("squaredDistance: a float32 CPU array is needed, got "
                    + a.getDataType() + " on " + a.getDevice());
        }
        try (NDScope scope = new NDScope()) { // frees any contiguous copy the engine makes to expose memory
            return squaredDistance(a.toByteBuffer(true).asFloatBuffer(), FloatBuffer.wrap(b));
        }
    }

    private static double squaredDistance(FloatBuffer a, FloatBuffer b) {
        int n = a.remaining();
        if (b.remaining() != n) {
            throw new IllegalArgumentException("squaredDistance: arrays of " + n + " and " + b.remaining()
                    + " elements");
        }
        if (b.hasArray()) {
            return squaredDistance(a, b.array(), b.arrayOffset() + b.position());
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) { // eight independent sums: the loop is bound by add latency, not by loads
            double d0 = a.get(i) - b.get(i);
            double d1 = a.get(i + 1) - b.get(i + 1);
            double d2 = a.get(i + 2) - b.get(i + 2);
            double d3 = a.get(i + 3) - b.get(i + 3);
            double d4 = a.get(i + 4) - b.get(i + 4);
            double d5 = a.get(i + 5) - b.get(i + 5);
            double d6 = a.get(i + 6) - b.get(i + 6);
            double d7 = a.get(i + 7) - b.get(i + 7);
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; i < n; i++) {
            double d = a.get(i) - b.get(i);
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** As {@link #squaredDistance(FloatBuffer, FloatBuffer)} with {@code b} in a Java array (from {@code off}). */
    private static double squaredDistance(FloatBuffer a, float[] b, int off) {
        int n = a.remaining();
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) { // same pairing and order as the two-buffer loop
            int j = off + i;
            double d0 = a.get(i) - b[j];
            double d1 = a.get(i + 1) - b[j + 1];
            double d2 = a.get(i + 2) - b[j + 2];
            double d3 = a.get(i + 3) - b[j + 3];
            double d4 = a.get(i + 4) - b[j + 4];
            double d5 = a.get(i + 5) - b[j + 5];
            double d6 = a.get(i + 6) - b[j + 6];
            double d7 = a.get(i + 7) - b[j + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; i < n; i++) {
            double d = a.get(i) - b[off + i];
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * Zeroes the gradient accumulated on {@code weight} (PyTorch accumulates {@code .grad}; clearing it is the
     * optimizer's job in DJL). No-op for an array without gradient.
     */
    public static void zeroGradient(NDArray weight) {
        if (weight.hasGradient()) {
            try (NDArray accumulated = weight.getGradient()) {
                accumulated.subi(accumulated);
            }
        }
    }
}
