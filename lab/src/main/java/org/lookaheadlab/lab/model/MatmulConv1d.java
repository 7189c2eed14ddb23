package org.lookaheadlab.lab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 1-D convolution computed as one matrix product over the input's windows (im2col), instead of the engine's
 * native convolution: {@code y[b, f, t] = bias[f] + Σ_c Σ_j w[f, c, j] · x_pad[b, c, s·t + j]}, with
 * {@code x_pad} the input zero-padded by {@code p} on both sides and {@code t} in
 * {@code [0, (L + 2p − k) / s]}. Parameters and their shapes are those of DJL's {@code Conv1d}
 * ({@code weight (F, C, k)}, {@code bias (F)}), so initialisation by fan-in is unchanged.
 *
 * <p>Why: PyTorch 2.7.1's CPU float32 convolution (as loaded by DJL 0.36) returns wrong values on AVX-512 machines
 * for multi-channel inputs — measured on an AMD EPYC (Zen 4, avx512f + avx512_bf16): a 25→25 channel, kernel 3,
 * stride 2 convolution differed from the exact result by up to 3.1, and read uninitialised memory (NaN outputs
 * after freed NaN-filled buffers). The matrix product path (the one {@code Linear} uses) is exact there;
 * {@code MatmulConv1dTest} checks this block against a direct float64 computation.
 */
public final class MatmulConv1d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param filters output channels F
     * @param kernel kernel length k
     * @param stride step s between windows
     * @param padding zeros p added on each side
     */
    public MatmulConv1d(int filters, int kernel, int stride, int padding) {
        super(VERSION);
        if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv1d filters=" + filters + " kernel=" + kernel + " stride=" + stride
                    + " padding=" + padding + ", accepted: filters, kernel, stride >= 1 and padding >= 0");
        }
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel));
        bias.setShape(new Shape(filters));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, outputLength(in.get(2)))};
    }

    private long outputLength(long length) {
        return outputLength(length, kernel, stride, padding);
    }

    /** The output length of a convolution over {@code length} steps; refused when the kernel does not fit. */
    static long outputLength(long length, int kernel, int stride, int padding) {
        long out = (length + 2L * padding - kernel) / stride + 1;
        if (out < 1) {
            throw new IllegalArgumentException("conv1d input length " + length + " is shorter than the kernel ("
                    + kernel + ") with padding " + padding);
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = store.getValue(weight, device, training);
        NDArray b = store.getValue(bias, device, training);
        Shape s = x.getShape();
        long batch = s.get(0);
        long channels = s.get(1);
        long out = outputLength(s.get(2));
        NDArray padded = x;
        if (padding > 0) {
            NDArray zeros = x.getManager().zeros(new Shape(batch, channels, padding), x.getDataType(), device);
            padded = NDArrays.concat(new NDList(zeros, x, zeros), 2);
        }
        NDList windows = new NDList(kernel);
        for (int j = 0; j < kernel; j++) {
            windows.add(padded.get(new NDIndex(":, :, {}:{}:{}", j, j + stride * (out - 1) + 1, stride)));
        }
        NDArray columns = NDArrays.stack(windows, 2).reshape(batch, channels * kernel, out); // (B, C·k, T)
        NDArray y = w.reshape(filters, channels * kernel).matMul(columns); // (F, C·k) × (B, C·k, T) → (B, F, T)
        return new NDList(y.add(b.reshape(1, filters, 1)));
    }

    @Override
    public String toString() {
        return "MatmulConv1d(filters=" + filters + ", kernel=" + kernel + ", stride=" + stride + ", padding="
                + padding + ")";
    }
}
