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
 * R independent {@link MatmulConv1d} convolutions as one batched matrix product over the windows (im2col):
 * {@code y[r, b, f, t] = bias[r, f] + Σ_c Σ_j w[r, f, c, j] · x_pad[r, b, c, s·t + j]}. Weight
 * {@code (R, F, C, k)} and bias {@code (R, F)}: run {@code r}'s slice is exactly {@link MatmulConv1d}'s
 * {@code (F, C, k)} and {@code (F)}. Input {@code (R, B, C, L)} or {@code (1, B, C, L)} (the same rows for every
 * run); output {@code (R, B, F, T)}.
 */
public final class BatchedMatmulConv1d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int runs;
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    /** As {@link MatmulConv1d#MatmulConv1d(int, int, int, int)}, for {@code runs} runs. */
    public BatchedMatmulConv1d(int runs, int filters, int kernel, int stride, int padding) {
        super(VERSION);
        if (runs < 1 || filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("batched conv1d runs=" + runs + " filters=" + filters + " kernel="
                    + kernel + " stride=" + stride + " padding=" + padding
                    + ", accepted: runs, filters, kernel, stride >= 1 and padding >= 0");
        }
        this.runs = runs;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(runs, filters, inputShapes[0].get(2), kernel));
        bias.setShape(new Shape(runs, filters));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(runs, in.get(1), filters, outputLength(in.get(3)))};
    }

    private long outputLength(long length) {
        return MatmulConv1d.outputLength(length, kernel, stride, padding);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = store.getValue(weight, device, training);
        NDArray b = store.getValue(bias, device, training);
        Shape s = x.getShape();
        long lead = s.get(0);
        long batch = s.get(1);
        long channels = s.get(2);
        long out = outputLength(s.get(3));
        NDArray padded = x;
        if (padding > 0) {
            NDArray zeros = x.getManager().zeros(new Shape(lead, batch, channels, padding), x.getDataType(), device);
            padded = NDArrays.concat(new NDList(zeros, x, zeros), 3);
        }
        NDList windows = new NDList(kernel);
        for (int j = 0; j < kernel; j++) {
            windows.add(padded.get(new NDIndex(":, :, :, {}:{}:{}", j, j + stride * (out - 1) + 1, stride)));
        }
        NDArray columns = NDArrays.stack(windows, 3).reshape(lead, batch, channels * kernel, out); // (R|1, B, C·k, T)
        // (R, 1, F, C·k) × (R|1, B, C·k, T) → (R, B, F, T)
        NDArray y = w.reshape(runs, 1, filters, channels * kernel).matMul(columns);
        return new NDList(y.add(b.reshape(runs, 1, filters, 1)));
    }

    @Override
    public String toString() {
        return "BatchedMatmulConv1d(runs=" + runs + ", filters=" + filters + ", kernel=" + kernel + ", stride="
                + stride + ", padding=" + padding + ")";
    }
}
