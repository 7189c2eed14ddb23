package org.lookaheadlab.lab.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * ResNet-18 for small images (He et al. 2016, the CIFAR variant common in optimizer papers, e.g. the Lookahead
 * paper's CIFAR experiments): a 3×3 convolution stem (64 channels, stride 1, no max-pool), four stages of two
 * basic blocks with 64, 128, 256, 512 channels (stride 1, 2, 2, 2), global average pooling and a Linear
 * classifier. A basic block is {@code ReLU(BN(conv3x3(ReLU(BN(conv3x3(x))))) + shortcut(x))}, the shortcut a
 * 1×1 convolution + BN when the shape changes, identity otherwise. About 11.2 M parameters for 10 classes.
 */
final class ResNet18 {

    private static final int[] STAGE_CHANNELS = {64, 128, 256, 512};

    private ResNet18() {}

    static Block create(long[] inputShape, int numClasses) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("resnet18 needs image samples of shape {channels, height, width}, got "
                    + java.util.Arrays.toString(inputShape));
        }
        SequentialBlock net = new SequentialBlock()
                .add(conv(64, 3, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        for (int stage = 0; stage < STAGE_CHANNELS.length; stage++) {
            int stride = stage == 0 ? 1 : 2;
            net.add(basicBlock(STAGE_CHANNELS[stage], stride, stage > 0));
            net.add(basicBlock(STAGE_CHANNELS[stage], 1, false));
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Models.linear(numClasses));
    }

    private static Block basicBlock(int channels, int stride, boolean projectShortcut) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(channels, 3, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(channels, 3, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = projectShortcut
                ? new SequentialBlock().add(conv(channels, 1, stride)).add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new SequentialBlock()
                .add(new ParallelBlock(Models::sumBranches, List.of(main, shortcut)))
                .add(x -> new NDList(Activation.relu(x.singletonOrThrow())));
    }

    private static Block conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .build();
    }
}
