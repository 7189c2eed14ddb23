package org.lookaheadlab.optim.spec;

import ai.djl.nn.Block;
import java.util.Optional;
import java.util.function.Function;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.state.Check;

/**
 * What building an {@link OptimizerSpec} may need beyond the spec: the model's layers (WeightTrajectoryLR with
 * {@code grouping=layer}, the default) and the run's length in steps (a schedule that anneals "over the run",
 * i.e. without {@code totalSteps}). A build that needs one of them and lacks it fails with one line saying so.
 *
 * @param layers the layer grouping of the model's parameters ({@link Grouping#layer}), or null if unknown
 * @param runSteps the run's total optimizer steps, or 0 if unknown
 */
public record BuildContext(Grouping layers, long runSteps) {

    public BuildContext {
        Check.that(layers == null || layers.kind().equals("layer"), "layers", layers, "a layer Grouping, or null");
        Check.that(runSteps >= 0, "runSteps", runSteps, "[0, ∞) (0: unknown)");
    }

    /** Knows neither the model nor the run. */
    public static BuildContext none() {
        return new BuildContext(null, 0);
    }

    /** The layers of {@code block} ({@link Grouping#layer(Block)}) and a run of {@code runSteps} steps. */
    public static BuildContext of(Block block, long runSteps) {
        return new BuildContext(Grouping.layer(block), runSteps);
    }

    /** Layers given by a function parameter id → layer name, and a run of {@code runSteps} steps (0: unknown). */
    public static BuildContext of(Function<String, String> layerOfId, long runSteps) {
        return new BuildContext(Grouping.layer(layerOfId), runSteps);
    }

    /** What a spec's constructor builds with to validate it: every tensor its own layer, an endless run. */
    static BuildContext validation() {
        return new BuildContext(Grouping.layer(id -> null), Long.MAX_VALUE);
    }

    /** The layer grouping, if known. */
    public Optional<Grouping> layerGrouping() {
        return Optional.ofNullable(layers);
    }
}
