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
 * ({@link #layer(Block)}: the layer of a parameter is its path name without the last {@code _part}, e.g.
 * {@code 01Linear_weight → 01Linear}) or from any function. A parameter the function does not know (returns
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

    /** One group per leaf block of {@code block}, derived from its parameter path names. */
    public static Grouping layer(Block block) {
        Map<String, String> layerById = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            String name = p.getKey();
            int cut = name.lastIndexOf('_');
            layerById.put(p.getValue().getId(), cut > 0 ? name.substring(0, cut) : name);
        }
        return layer(layerById::get);
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
