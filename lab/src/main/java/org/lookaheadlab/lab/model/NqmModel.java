package org.lookaheadlab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.util.PairList;
import java.util.IdentityHashMap;
import java.util.Map;
import org.lookaheadlab.lab.nqm.NqmProblem;

/**
 * The noisy quadratic model as a training workload ({@code --model nqm} on {@code --data nqm}): the parameters are
 * one point x of dimension D (the sample length), every sample is a noise draw c, the model outputs x − c and the
 * loss of a batch is the mean over its samples of {@code ½ Σᵢ hᵢ (xᵢ − cᵢ)²} with Zhang et al.'s curvatures
 * hᵢ = 1/i ({@link NqmProblem#zhang}). x starts at 1 in every coordinate. A minibatch of B samples is one SGD step
 * of the NQM with gradient noise of variance hᵢ²σᵢ²/B; the validation loss is that of a fixed set of draws, so it
 * estimates {@code ½ Σ hᵢ xᵢ² + ½ Σ hᵢ σᵢ²}.
 */
public final class NqmModel extends AbstractBlock implements OwnLoss, FixedInitValues {

    private static final byte VERSION = 1;

    /** Every coordinate of x starts here. */
    public static final double START = 1.0;

    private final int dim;
    private final double[] h;
    private final Parameter x;

    /** The NQM of dimension {@code dim} (sample shape {@code {dim}}). */
    public NqmModel(int dim) {
        super(VERSION);
        if (dim < 1) {
            throw new IllegalArgumentException("nqm dimension is " + dim + ", accepted range: >= 1");
        }
        this.dim = dim;
        this.h = NqmProblem.zhang(dim, START).h();
        this.x = addParameter(Parameter.builder().setName("x").setType(Parameter.Type.WEIGHT)
                .optInitializer(Initializer.ZEROS).build()); // then {@link #START} ({@link FixedInitValues})
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        x.setShape(new Shape(dim));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray c = inputs.singletonOrThrow();
        if (c.getShape().dimension() != 2 || c.getShape().get(1) != dim) {
            throw new IllegalArgumentException("nqm input shape is " + c.getShape() + ", accepted: (batch, " + dim
                    + ")");
        }
        NDArray point = store.getValue(x, c.getDevice(), training);
        return new NDList(c.neg().add(point.reshape(1, dim))); // x − c, in the batch's manager
    }

    @Override
    public Loss loss() {
        return new Loss("nqm") {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray d = predictions.singletonOrThrow();
                NDArray curvature = d.getManager().create(h).toType(d.getDataType(), false).reshape(1, dim);
                return d.mul(d).mul(curvature).sum(new int[] {1}).mul(0.5).mean();
            }
        };
    }

    @Override
    public Map<Parameter, Double> fixedInitValues() {
        Map<Parameter, Double> values = new IdentityHashMap<>();
        values.put(x, START);
        return values;
    }

    @Override
    public String toString() {
        return "NqmModel(dim=" + dim + ")";
    }
}
