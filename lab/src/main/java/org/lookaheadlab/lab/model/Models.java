package org.lookaheadlab.lab.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the lab's classifiers as DJL blocks. Every block maps a batch {@code (B, sampleShape...)} to logits
 * {@code (B, numClasses)}. Architectures of {@code logistic}, {@code mnist1d-mlp} and {@code cnn} are those of
 * the mnist1d paper's benchmark ({@code specs/mnist1d.md} §6.3), as is {@code gru}; {@code resnet18} is
 * {@link ResNet18}.
 * Initial values come from {@link InitialWeights}, never from the engine's random generator.
 */
public final class Models {

    private Models() {}

    /** The model {@code name} ({@link ModelSpec#parse text form}) for samples of {@code inputShape}. */
    public static Block create(String name, long[] inputShape, int numClasses) {
        return create(ModelSpec.parse(name), inputShape, numClasses);
    }

    /** The model described by {@code spec} for samples of {@code inputShape} and {@code numClasses} classes. */
    public static Block create(ModelSpec spec, long[] inputShape, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses is " + numClasses + ", accepted range: >= 1");
        }
        if (inputShape == null || inputShape.length == 0) {
            throw new IllegalArgumentException("inputShape is empty, accepted: the shape of one sample, e.g. {40}");
        }
        return switch (spec.name()) {
            case "logistic" -> logistic(numClasses);
            case "mlp" -> mlp(spec.hiddenSizes(), numClasses);
            case "mnist1d-mlp" -> mnist1dMlp(numClasses);
            case "cnn" -> cnn(inputShape, numClasses);
            case "gru" -> gru(inputShape, numClasses);
            case "nqm" -> nqm(inputShape);
            case "resnet18" -> ResNet18.create(inputShape, numClasses);
            default -> throw new IllegalArgumentException("model '" + spec.name() + "' is unknown");
        };
    }

    /** Logistic regression: flatten, then one Linear layer (40 → 10 on mnist1d: 410 parameters). */
    static Block logistic(int numClasses) {
        return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(linear(numClasses));
    }

    /** Plain MLP: flatten, then {@code Linear(h_i) → ReLU} per hidden layer, then {@code Linear(numClasses)}. */
    static Block mlp(int[] hiddenSizes, int numClasses) {
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int h : hiddenSizes) {
            net.add(linear(h)).add(Activation.reluBlock());
        }
        return net.add(linear(numClasses));
    }

    /**
     * The mnist1d benchmark MLP ({@code MLPBase}, hidden 100, 15,210 parameters on mnist1d):
     * {@code h1 = ReLU(Linear(x)); h2 = h1 + ReLU(Linear(h1)); out = Linear(h2)}.
     */
    static Block mnist1dMlp(int numClasses) {
        int hidden = 100;
        Block residual = new ParallelBlock(
                Models::sumBranches,
                List.of(Blocks.identityBlock(), new SequentialBlock().add(linear(hidden)).add(Activation.reluBlock())));
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(linear(hidden))
                .add(Activation.reluBlock())
                .add(residual)
                .add(linear(numClasses));
    }

    /**
     * The mnist1d benchmark CNN ({@code ConvBase}, 25 channels, 5,210 parameters on mnist1d): input reshaped to
     * {@code (B, 1, L)}; Conv1d 1→25 (k 5, s 2, p 1), ReLU; Conv1d 25→25 (k 3, s 2, p 1), ReLU; Conv1d 25→25
     * (k 3, s 2, p 1), ReLU; flatten channel-major; Linear → numClasses. No pooling, no batch norm.
     */
    static Block cnn(long[] inputShape, int numClasses) {
        long length = Arrays.stream(inputShape).reduce(1, (a, b) -> a * b);
        return new SequentialBlock()
                .add(x -> new NDList(x.singletonOrThrow().reshape(new Shape(-1, 1, length))))
                .add(conv1d(5))
                .add(Activation.reluBlock())
                .add(conv1d(3))
                .add(Activation.reluBlock())
                .add(conv1d(3))
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(linear(numClasses));
    }

    /**
     * The mnist1d benchmark GRU ({@code GRUBase}, 5,134 parameters on mnist1d): the sample read as a sequence of
     * {@code T} time steps of one value, {@code (B, T, 1)}; one {@link BidirectionalGru} layer of hidden size 6 from
     * a zero state; its whole output sequence {@code (B, T, 12)} flattened time-major ({@code 12·t + 6·direction +
     * j}) to {@code 12·T} (480 on mnist1d); Linear → numClasses.
     */
    static Block gru(long[] inputShape, int numClasses) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("model gru reads each sample as a sequence: sample shape is "
                    + Arrays.toString(inputShape) + ", accepted: one dimension (e.g. [40])");
        }
        long steps = inputShape[0];
        return new SequentialBlock()
                .add(x -> new NDList(x.singletonOrThrow().reshape(new Shape(-1, steps, 1))))
                .add(new BidirectionalGru(6))
                .add(Blocks.batchFlattenBlock())
                .add(linear(numClasses));
    }

    /** The noisy quadratic model ({@link NqmModel}) of the sample's dimension. */
    static Block nqm(long[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("model nqm needs samples of one dimension (noise draws c, data nqm), "
                    + "got " + Arrays.toString(inputShape));
        }
        return new NqmModel(Math.toIntExact(inputShape[0]));
    }

    /** 25 filters, stride 2, padding 1 ({@link MatmulConv1d}: the engine's float32 convolution is wrong on AVX-512). */
    private static Block conv1d(int kernel) {
        return new MatmulConv1d(25, kernel, 2, 1);
    }

    static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    /** Element-wise sum of the first array of every branch (a residual join). */
    static NDList sumBranches(List<NDList> branches) {
        var sum = branches.get(0).singletonOrThrow();
        for (int i = 1; i < branches.size(); i++) {
            sum = sum.add(branches.get(i).singletonOrThrow());
        }
        return new NDList(sum);
    }
}
