package org.lookaheadlab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link Models} of a run axis: R independent copies of one architecture as one block whose every parameter
 * has a leading axis of size R (run {@code r}'s slice has the shape of the solo model's parameter), mapping data
 * {@code (R, B, sample...)} — or {@code (1, B, sample...)}, the same rows for every run — to logits
 * {@code (R, B, numClasses)}. Run {@code r} computes exactly what the solo model computes with its slice of the
 * parameters. Models: {@code logistic}, {@code mlp}, {@code mnist1d-mlp} ({@link BatchedLinear}) and {@code cnn}
 * ({@link BatchedMatmulConv1d}); the parameters come in the solo model's order, so {@link #load} stacks the solo
 * initial weights of each run ({@link InitialWeights}) into them.
 */
public final class BatchedModels {

    /** The models that have a batched form. */
    public static final List<String> NAMES = List.of("logistic", "mlp", "mnist1d-mlp", "cnn");

    private BatchedModels() {}

    /**
     * The models whose batched form is faster than their runs trained alone: the MLPs, whose solo step is mostly
     * per-operation dispatch. The CNN's im2col products already fill a core alone, and its batched form was
     * measured slower (README, "Batched runs"), so {@code compare} batches it only when asked to.
     */
    public static final List<String> FASTER_BATCHED = List.of("logistic", "mlp", "mnist1d-mlp");

    /** Whether {@code spec} has a batched form. */
    public static boolean supports(ModelSpec spec) {
        return NAMES.contains(spec.name());
    }

    /** Whether {@code spec}'s batched form is faster than its runs alone ({@link #FASTER_BATCHED}). */
    public static boolean fasterBatched(ModelSpec spec) {
        return FASTER_BATCHED.contains(spec.name());
    }

    /** The batched form of {@code spec} for {@code runs} runs on samples of {@code inputShape}. */
    public static Block create(ModelSpec spec, int runs, long[] inputShape, int numClasses) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs is " + runs + ", accepted range: >= 1");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses is " + numClasses + ", accepted range: >= 1");
        }
        return switch (spec.name()) {
            case "logistic" -> new SequentialBlock().add(flatten()).add(new BatchedLinear(runs, numClasses));
            case "mlp" -> mlp(runs, spec.hiddenSizes(), numClasses);
            case "mnist1d-mlp" -> mnist1dMlp(runs, numClasses);
            case "cnn" -> cnn(runs, inputShape, numClasses);
            default -> throw new IllegalArgumentException("model '" + spec.name()
                    + "' has no batched form, accepted: " + String.join(", ", NAMES));
        };
    }

    private static Block mlp(int runs, int[] hiddenSizes, int numClasses) {
        SequentialBlock net = new SequentialBlock().add(flatten());
        for (int h : hiddenSizes) {
            net.add(new BatchedLinear(runs, h)).add(Activation.reluBlock());
        }
        return net.add(new BatchedLinear(runs, numClasses));
    }

    private static Block mnist1dMlp(int runs, int numClasses) {
        int hidden = 100;
        Block residual = new ParallelBlock(Models::sumBranches, List.of(Blocks.identityBlock(),
                new SequentialBlock().add(new BatchedLinear(runs, hidden)).add(Activation.reluBlock())));
        return new SequentialBlock().add(flatten()).add(new BatchedLinear(runs, hidden)).add(Activation.reluBlock())
                .add(residual).add(new BatchedLinear(runs, numClasses));
    }

    private static Block cnn(int runs, long[] inputShape, int numClasses) {
        long length = Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
        return new SequentialBlock()
                .add(x -> {
                    Shape s = x.singletonOrThrow().getShape();
                    return new NDList(x.singletonOrThrow().reshape(new Shape(s.get(0), s.get(1), 1, length)));
                })
                .add(new BatchedMatmulConv1d(runs, 25, 5, 2, 1))
                .add(Activation.reluBlock())
                .add(new BatchedMatmulConv1d(runs, 25, 3, 2, 1))
                .add(Activation.reluBlock())
                .add(new BatchedMatmulConv1d(runs, 25, 3, 2, 1))
                .add(Activation.reluBlock())
                .add(flatten())
                .add(new BatchedLinear(runs, numClasses));
    }

    /** {@code (R, B, ...)} → {@code (R, B, prod(...))}, each sample flattened as the solo model's batch flatten. */
    private static LambdaBlock flatten() {
        return new LambdaBlock(x -> {
            NDArray a = x.singletonOrThrow();
            Shape s = a.getShape();
            return new NDList(a.reshape(s.get(0), s.get(1), -1));
        }, "batchedFlatten");
    }

    /** The batch shape {@code (R, 1, sample...)} that initializes a batched block for samples of {@code inputShape}. */
    public static Shape batchShape(int runs, long[] inputShape) {
        long[] dims = new long[inputShape.length + 2];
        dims[0] = runs;
        dims[1] = 1;
        System.arraycopy(inputShape, 0, dims, 2, inputShape.length);
        return new Shape(dims);
    }

    /**
     * Initializes the batched {@code block} ({@link #create} of {@code spec} with {@code snapshots.size()} runs) and
     * sets run {@code r}'s slice of every parameter to the parameters of {@code snapshots.get(r)} (an
     * {@link InitialWeights} snapshot of the solo model), so that each run starts where its solo run starts.
     */
    public static void load(Block block, NDManager manager, List<byte[]> snapshots, ModelSpec spec, long[] inputShape,
            int numClasses, DataType dtype) {
        block.initialize(manager, dtype, batchShape(snapshots.size(), inputShape));
        List<Parameter> batched = parameters(block);
        try (NDManager scratch = manager.newSubManager()) {
            List<List<NDArray>> perParameter = new ArrayList<>();
            for (int i = 0; i < batched.size(); i++) {
                perParameter.add(new ArrayList<>());
            }
            for (byte[] snapshot : snapshots) {
                Block solo = Models.create(spec, inputShape, numClasses);
                InitialWeights.load(solo, scratch, snapshot, inputShape, dtype);
                List<Parameter> soloParameters = parameters(solo);
                if (soloParameters.size() != batched.size()) {
                    throw new IllegalStateException("the batched " + spec + " has " + batched.size()
                            + " parameters, the solo one " + soloParameters.size());
                }
                for (int i = 0; i < batched.size(); i++) {
                    perParameter.get(i).add(soloParameters.get(i).getArray());
                }
            }
            for (int i = 0; i < batched.size(); i++) {
                NDArray stacked = NDArrays.stack(new NDList(perParameter.get(i)), 0);
                NDArray target = batched.get(i).getArray();
                if (!stacked.getShape().equals(target.getShape())) {
                    throw new IllegalStateException("parameter " + i + " of the batched " + spec + " has shape "
                            + target.getShape() + ", the stacked solo ones " + stacked.getShape());
                }
                target.set(new ai.djl.ndarray.index.NDIndex("..."), stacked);
            }
        }
    }

    /**
     * Run {@code run}'s parameters, copied into {@code solo} (the solo model of the same spec, initialized) and
     * serialized in {@link InitialWeights#save} format: what the solo trainer reports as a run's final weights.
     */
    public static byte[] save(Block block, int run, Block solo) {
        List<Parameter> batched = parameters(block);
        List<Parameter> soloParameters = parameters(solo);
        for (int i = 0; i < batched.size(); i++) {
            try (NDArray slice = batched.get(i).getArray().get(run)) {
                soloParameters.get(i).getArray().set(new ai.djl.ndarray.index.NDIndex("..."), slice);
            }
        }
        return InitialWeights.save(solo);
    }

    /** The parameters of {@code block} in its deterministic order. */
    public static List<Parameter> parameters(Block block) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getValue());
        }
        return out;
    }
}
