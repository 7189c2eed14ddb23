package org.lookaheadlab.tune.pruners;

import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;

/** Never prunes. */
public final class NopPruner implements Pruner {

    @Override
    public boolean prune(Study study, FrozenTrial trial) {
        return false;
    }
}
