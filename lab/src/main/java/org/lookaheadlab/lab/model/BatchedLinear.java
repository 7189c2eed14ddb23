package org.lookaheadlab.lab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * R independent fully connected layers as one batched matrix product: {@code y[r] = x[r] · W[r]ᵀ + b[r]} with
 * weight {@code (R, out, in)} and bias {@code (R, out)} — run {@code r}'s slice has exactly the shape and layout of
 * DJL's {@code Linear} weight {@code (out, in)} and bias {@code (out)}, so a solo run's parameters stack into it
 * unchanged. Input {@code (R, B, in)}, or {@code (1, B, in)} to feed the same rows to every run (evaluation);
 * output {@code (R, B, out)}.
 */
public final class BatchedLinear extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int runs;
    private final int units;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param runs R, the leading axis of the parameters
     * @param units output features per run
     */
    public BatchedLinear(int runs, int units) {
        super(VERSION);
        if (runs < 1 || units < 1) {
            throw new IllegalArgumentException("batched linear runs=" + runs + " units=" + units
                    + ", accepted: both >= 1");
        }
        this.runs = runs;
        this.units = units;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        weight.setShape(new Shape(runs, units, in.get(in.dimension() - 1)));
        bias.setShape(new Shape(runs, units));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(runs, in.get(1), units)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = store.getValue(weight, device, training);
        NDArray b = store.getValue(bias, device, training);
        // (R|1, B, in) × (R, in, out) → (R, B, out)
        return new NDList(x.matMul(w.transpose(0, 2, 1)).add(b.expandDims(1)));
    }

    @Override
    public String toString() {
        return "BatchedLinear(runs=" + runs + ", units=" + units + ")";
    }
}
