package org.lookaheadlab.lab.train;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.InnerState;
import org.lookaheadlab.optim.Optimizers;
import org.lookaheadlab.optim.Points;

/**
 * Turns an {@link OptimizerSpec} into an optimizer of the optim module, inside out: the base optimizer
 * ({@code Optimizers.create}, with the spec's learning-rate schedule, if any, as its {@code lr} tracker), then
 * WeightTrajectoryLR, then Lookahead or TrajectoryLookahead.
 */
final class OptimizerFactory {

    private OptimizerFactory() {}

    /** The accepted base optimizer names. */
    static Set<String> baseNames() {
        return Optimizers.names();
    }

    /**
     * Builds {@code spec}; WeightTrajectoryLR groups by layer of {@code block} (the design default) when a block
     * is given, by tensor otherwise.
     */
    static Optimizer build(OptimizerSpec spec, Block block) {
        Map<String, Object> hyper = spec.hyper();
        if (spec.schedule() != null) {
            hyper = new LinkedHashMap<>(hyper);
            hyper.put("lr", spec.schedule().tracker(spec.lr()));
        }
        Optimizer optimizer = Optimizers.create(spec.base(), hyper);
        if (spec.weightTrajectoryBeta() != null) {
            Grouping grouping = block != null ? Grouping.layer(block) : Grouping.tensor();
            optimizer = Optimizers.weightTrajectoryLR(optimizer, spec.weightTrajectoryBeta(), grouping);
        }
        if (spec.lookahead() != null) {
            OptimizerSpec.LookaheadSettings l = spec.lookahead();
            optimizer = Optimizers.lookahead(optimizer, l.k(), l.alpha(), InnerState.parse(l.innerState()));
        }
        if (spec.trajectory() != null) {
            OptimizerSpec.TrajectorySettings t = spec.trajectory();
            optimizer = Optimizers.trajectoryLookahead(optimizer, t.k(), t.m(), t.alpha(), Points.parse(t.points()),
                    InnerState.parse(t.innerState()));
        }
        return optimizer;
    }
}
