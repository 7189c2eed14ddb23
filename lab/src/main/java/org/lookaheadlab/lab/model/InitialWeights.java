package org.lookaheadlab.lab.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The initial parameters every contender starts from: made once from a seed, serialized, and loaded into each
 * contender's fresh model, so that two optimizers compared on one seed see bit-identical weights before step 1.
 *
 * <p>Initialization mimics PyTorch's defaults for {@code nn.Linear} / {@code nn.Conv1d} / {@code nn.Conv2d}
 * ({@code kaiming_uniform_(a=√5)}): every weight and bias value is drawn from {@code U(−b, b)} with
 * {@code b = 1/√fan_in}, {@code fan_in = in_channels · ∏ kernel} of the layer's weight. Batch-norm γ = 1,
 * β = 0, running mean 0, running variance 1. Blocks that PyTorch initialises with another bound say so through
 * {@link UniformInitBounds} (a GRU: {@code 1/√hidden} for all its tensors); parameters with a fixed start
 * ({@link FixedInitValues}, the NQM's point) take it and consume no draws. The draws come from a {@link SplittableRandom} seeded with the
 * init seed and consumed parameter by parameter in the block's deterministic parameter order, so the values
 * do not depend on the engine's random generator or on the machine.
 *
 * <p>The snapshot format is DJL's {@link Block#saveParameters} encoding.
 */
public final class InitialWeights {

    private InitialWeights() {}

    /** Float32 snapshot of model {@code modelName} ({@link ModelSpec#parse text form}). */
    public static byte[] snapshot(String modelName, long[] inputShape, int numClasses, long initSeed) {
        return snapshot(ModelSpec.parse(modelName), inputShape, numClasses, initSeed, DataType.FLOAT32);
    }

    /** Snapshot of the initial parameters of {@code spec}, drawn from {@code initSeed}, in {@code dtype}. */
    public static byte[] snapshot(ModelSpec spec, long[] inputShape, int numClasses, long initSeed, DataType dtype) {
        Block block = Models.create(spec, inputShape, numClasses);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, dtype, batchShape(inputShape));
            fill(block, initSeed);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                block.saveParameters(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize the initial weights", e);
        }
    }

    /**
     * Loads {@code snapshot} into the fresh (uninitialized) {@code block} and initializes it for training: the
     * loaded values are kept and every trainable parameter gets a gradient buffer.
     */
    public static void load(Block block, NDManager manager, byte[] snapshot, long[] inputShape, DataType dtype) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("the weight snapshot does not fit this model: " + e.getMessage(), e);
        }
        block.initialize(manager, dtype, batchShape(inputShape));
    }

    /** Serializes the current parameters of {@code block} (same format as {@link #snapshot}). */
    public static byte[] save(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize the weights", e);
        }
        return bytes.toByteArray();
    }

    /** The batch shape {@code (1, sample...)} used to initialize a block for samples of {@code inputShape}. */
    public static Shape batchShape(long[] inputShape) {
        long[] dims = new long[inputShape.length + 1];
        dims[0] = 1;
        System.arraycopy(inputShape, 0, dims, 1, inputShape.length);
        return new Shape(dims);
    }

    /** Overwrites the parameters of the initialized {@code block} with the PyTorch-like values of {@code seed}. */
    static void fill(Block block, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Parameter, Double> ownBounds = new IdentityHashMap<>();
        Map<Parameter, Double> fixed = new IdentityHashMap<>();
        collectOwnBounds(block, ownBounds, fixed);
        Map<String, Long> fanInByLayer = new HashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter p = entry.getValue();
            if (p.getType() == Parameter.Type.WEIGHT) {
                fanInByLayer.put(layerOf(entry.getKey()), fanIn(p.getArray().getShape()));
            }
        }
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter p = entry.getValue();
            NDArray array = p.getArray();
            int n = Math.toIntExact(array.size());
            double[] values = new double[n];
            if (fixed.containsKey(p)) {
                java.util.Arrays.fill(values, fixed.get(p));
                set(array, values);
                continue;
            }
            switch (p.getType()) {
                case WEIGHT, BIAS -> {
                    double bound = ownBounds.containsKey(p) ? ownBounds.get(p) : defaultBound(fanInByLayer, entry);
                    for (int i = 0; i < n; i++) {
                        values[i] = (2.0 * random.nextDouble() - 1.0) * bound;
                    }
                }
                case GAMMA, RUNNING_VAR -> java.util.Arrays.fill(values, 1.0);
                case BETA, RUNNING_MEAN -> java.util.Arrays.fill(values, 0.0);
                default -> throw new IllegalStateException(
                        "parameter " + entry.getKey() + " of type " + p.getType() + " has no initialization rule");
            }
            set(array, values);
        }
    }

    private static double defaultBound(Map<String, Long> fanInByLayer, Pair<String, Parameter> entry) {
        Long fanIn = fanInByLayer.get(layerOf(entry.getKey()));
        if (fanIn == null) {
            throw new IllegalStateException("bias " + entry.getKey() + " has no weight in its layer");
        }
        return 1.0 / Math.sqrt(fanIn);
    }

    /**
     * The bounds ({@link UniformInitBounds}) and fixed values ({@link FixedInitValues}) declared by {@code block} and
     * every block below it.
     */
    private static void collectOwnBounds(Block block, Map<Parameter, Double> bounds, Map<Parameter, Double> fixed) {
        if (block instanceof UniformInitBounds own) {
            bounds.putAll(own.uniformInitBounds());
        }
        if (block instanceof FixedInitValues own) {
            fixed.putAll(own.fixedInitValues());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collectOwnBounds(child.getValue(), bounds, fixed);
        }
    }

    private static void set(NDArray array, double[] values) {
        if (array.getDataType() == DataType.FLOAT64) {
            array.set(DoubleBuffer.wrap(values));
        } else if (array.getDataType() == DataType.FLOAT32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            array.set(FloatBuffer.wrap(f));
        } else {
            throw new IllegalArgumentException(
                    "dtype " + array.getDataType() + " is not supported, accepted: float32, float64");
        }
    }

    /** fan_in of a weight of shape {@code (out, in, kernel...)}: {@code in · ∏ kernel}; 1-D weights: its size. */
    static long fanIn(Shape shape) {
        if (shape.dimension() < 2) {
            return shape.size();
        }
        return shape.size() / shape.get(0);
    }

    private static String layerOf(String parameterName) {
        int cut = parameterName.lastIndexOf('_');
        return cut < 0 ? parameterName : parameterName.substring(0, cut);
    }
}
