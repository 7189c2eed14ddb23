package org.lookaheadlab.lab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link SequentialBlock} whose {@link Conv1d} children are computed as unfold + matrix product instead of by the
 * engine's convolution kernel: for stride s, padding p and kernel k, the zero-padded input's k strided windows
 * {@code x[:, :, j : j + s·(L_out − 1) + 1 : s]} are stacked into columns {@code (B, C·k, L_out)} and multiplied by
 * the weight {@code (F, C·k)}, then the bias is added — the definition of a cross-correlation, so the result is
 * the same up to float rounding.
 *
 * <p>Why: PyTorch 2.7.1's CPU convolution (oneDNN, taken for batches of more than one sample) reads memory it
 * never wrote when the input has a channel count that is not a multiple of 16 (the mnist1d CNN has 25). Finite
 * leftovers there cancel out, but a NaN left in freed memory by an earlier computation in the same process — a
 * diverged tuning trial — turns every logit into NaN. Measured: after memory held NaN, 19 of 30 forward passes of
 * a 25-channel Conv1d at batch 100 returned NaN, none at 32 channels or batch 1.
 *
 * <p>The children, their names, the parameters and the saved format are those of a plain SequentialBlock of DJL
 * blocks, so weight snapshots and checkpoints are unchanged.
 */
final class UnfoldedConv1dSequence extends SequentialBlock {

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList current = inputs;
        for (Block child : children.values()) {
            current = child instanceof Conv1d conv
                    ? new NDList(conv1d(store, conv, current.singletonOrThrow(), training))
                    : child.forward(store, current, training, params);
        }
        return current;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList data, NDList labels,
            PairList<String, Object> params) {
        return forwardInternal(store, data, true, params);
    }

    /** The cross-correlation of {@code x} {@code (B, C, L)} with the weights of {@code conv}: {@code (B, F, L_out)}. */
    static NDArray conv1d(ParameterStore store, Conv1d conv, NDArray x, boolean training) {
        if (conv.getGroups() != 1 || conv.getDilation().get(0) != 1) {
            throw new IllegalStateException("only groups 1 and dilation 1 are unfolded, got groups "
                    + conv.getGroups() + " and dilation " + conv.getDilation());
        }
        Device device = x.getDevice();
        NDArray weight = store.getValue(conv.getParameters().get("weight"), device, training);
        long k = conv.getKernelShape().get(0);
        long stride = conv.getStride().get(0);
        long pad = conv.getPadding().get(0);
        long batch = x.getShape().get(0);
        long channels = x.getShape().get(1);
        long out = (x.getShape().get(2) + 2 * pad - k) / stride + 1;
        NDArray padded = pad == 0 ? x : x.pad(new Shape(pad, pad), 0);
        NDList windows = new NDList();
        for (long j = 0; j < k; j++) {
            windows.add(padded.get(new NDIndex().addAllDim().addAllDim().addSliceDim(j, j + stride * (out - 1) + 1,
                    stride)));
        }
        NDArray columns = NDArrays.stack(windows, 2).reshape(batch, channels * k, out);
        NDArray y = weight.reshape(conv.getFilters(), channels * k).matMul(columns);
        if (!conv.isIncludeBias()) {
            return y;
        }
        NDArray bias = store.getValue(conv.getParameters().get("bias"), device, training);
        return y.add(bias.reshape(conv.getFilters(), 1));
    }
}
