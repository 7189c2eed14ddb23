package org.lookaheadlab.lab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One bidirectional GRU layer over a batch-first sequence, as PyTorch's
 * {@code nn.GRU(input, hidden, batch_first=True, bidirectional=True)} with a zero initial state: input
 * {@code (B, T, C)}, output {@code (B, T, 2H)} where {@code out[b, t, 0:H]} is the forward direction's state after
 * step {@code t} and {@code out[b, t, H:2H]} the backward direction's state after it has read steps
 * {@code T−1 … t}. Each direction runs PyTorch's gate equations (reset gate applied to the hidden term):
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)
 * z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * <p>Each direction is one unidirectional DJL {@link GRU} (the engine's fused {@code torch::gru}); the backward one
 * reads the time-reversed input and its output is reversed back. Why not DJL's own {@code optBidirectional(true)}:
 * in DJL 0.36 it fails on the PyTorch engine ("The size of tensor a (3) must match the size of tensor b (18)"),
 * because {@code RecurrentBlock} registers its parameters weights first, then biases ({@code l_0_i2h_WEIGHT,
 * l_0_h2h_WEIGHT, r_0_i2h_WEIGHT, r_0_h2h_WEIGHT, l_0_i2h_BIAS, …}) while {@code torch::gru} expects them direction
 * by direction ({@code w_ih, w_hh, b_ih, b_hh} of the forward direction, then of the backward one); one direction
 * has the same order either way. And DJL's GRU makes its default initial state in float32 whatever the model's
 * data type, so this block passes a zero state of the input's type. Measured on this project's CPU, the
 * unidirectional DJL GRU agrees with a plain float64 evaluation of the equations above to 1.2e-7 in float32 at batch
 * 100 ({@code ModelsForwardTest}, {@code Float32ModelsTest}).
 *
 * <p>Gate rows of the weights are ordered r, z, n: {@code W_ih (3H, C)}, {@code W_hh (3H, H)}, biases {@code (3H)}.
 * PyTorch initialises all four tensors of a GRU from {@code U(−1/√H, 1/√H)}: {@link #uniformInitBounds()}.
 */
public final class BidirectionalGru extends AbstractBlock implements UniformInitBounds {

    private static final byte VERSION = 1;

    private final int hidden;
    private final GRU forwardDirection;
    private final GRU backwardDirection;

    /** @param hidden state size H of each direction */
    public BidirectionalGru(int hidden) {
        super(VERSION);
        if (hidden < 1) {
            throw new IllegalArgumentException("GRU hidden size is " + hidden + ", accepted range: >= 1");
        }
        this.hidden = hidden;
        this.forwardDirection = addChildBlock("forward", direction(hidden));
        this.backwardDirection = addChildBlock("backward", direction(hidden));
    }

    private static GRU direction(int hidden) {
        return GRU.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        forwardDirection.initialize(manager, dataType, inputShapes[0]);
        backwardDirection.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), 2L * hidden)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 3) {
            throw new IllegalArgumentException("GRU input shape is " + x.getShape()
                    + ", accepted: (batch, time, channels)");
        }
        Device device = x.getDevice();
        NDArray h0 = x.getManager().zeros(new Shape(1, x.getShape().get(0), hidden), x.getDataType(), device);
        NDArray ahead = forwardDirection.forward(store, new NDList(x, h0), training).head();
        NDArray back = backwardDirection.forward(store, new NDList(x.flip(1), h0), training).head().flip(1);
        return new NDList(NDArrays.concat(new NDList(ahead, back), 2));
    }

    /** Every parameter of both directions: {@code 1/√H}, PyTorch's {@code nn.GRU.reset_parameters}. */
    @Override
    public Map<Parameter, Double> uniformInitBounds() {
        Map<Parameter, Double> bounds = new IdentityHashMap<>();
        double bound = 1.0 / Math.sqrt(hidden);
        for (Pair<String, Parameter> p : getParameters()) {
            bounds.put(p.getValue(), bound);
        }
        return bounds;
    }

    @Override
    public String toString() {
        return "BidirectionalGru(hidden=" + hidden + ")";
    }
}
