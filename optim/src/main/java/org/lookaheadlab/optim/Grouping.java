package org.lookaheadlab.optim;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How WeightTrajectoryLR groups parameter tensors when it measures ‖W − W₀‖₂: per tensor, or per layer (all the
 * parameters of one leaf block, e.g. a Linear's weight and bias).
 *
 * <p>A layer grouping needs to know which layer a parameter id belongs to: build it from the model's block
 * ({@link #layer(Block)}: the layer of a parameter is the block that owns it, e.g. {@code 01Linear} for
 * {@code 01Linear_weight} and {@code 01Linear_bias}) or from any function. A parameter the function does not know (returns
 * null) forms a group of its own.
 */
public final class Grouping {

    private final String kind;
    private final Function<String, String> layerOfId;

    private Grouping(String kind, Function<String, String> layerOfId) {
        this.kind = kind;
        this.layerOfId = layerOfId;
    }

    /** One group per parameter tensor. */
    public static Grouping tensor() {
        return new Grouping("tensor", id -> id);
    }

    /**
     * One group per layer, the layer of a parameter id given by {@code layerOfId} (null = the tensor alone).
     */
    public static Grouping layer(Function<String, String> layerOfId) {
        Objects.requireNonNull(layerOfId, "layerOfId");
        return new Grouping("layer", id -> {
            String layer = layerOfId.apply(id);
            return layer == null ? id : "layer:" + layer;
        });
    }

    /**
     * One group per block of {@code block}'s tree that owns parameters: the direct parameters of a leaf block (e.g.
     * a Linear's weight and bias, all the weights of an LSTM layer) form one layer, named by its path of child
     * names joined by {@code _} (e.g. {@code 01SequentialBlock_02Linear}, as in DJL's parameter path names).
     * Found from the block structure, not by cutting parameter names, so parameter names that contain
     * {@code _} themselves (an LSTM's {@code l0_i2h_weight}) stay in their layer.
     */
    public static Grouping layer(Block block) {
        Objects.requireNonNull(block, "block");
        Map<String, String> layerById = new HashMap<>();
        collect(block, "", layerById);
        return layer(layerById::get);
    }

    private static void collect(Block block, String path, Map<String, String> layerById) {
        for (Parameter p : block.getDirectParameters().values()) {
            layerById.put(p.getId(), path.isEmpty() ? block.getClass().getSimpleName() : path);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), path.isEmpty() ? child.getKey() : path + "_" + child.getKey(), layerById);
        }
    }

    /** The group key of a parameter id (the id itself for tensor grouping). */
    public String groupOf(String parameterId) {
        return layerOfId.apply(parameterId);
    }

    /** {@code tensor} or {@code layer}. */
    public String kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind;
    }
}
