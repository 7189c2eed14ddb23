package org.lookaheadlab.tune.pruners;

import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;

/** Decides from a running trial's intermediate values whether to stop it early. */
@FunctionalInterface
public interface Pruner {

    /** True when the trial should be pruned now. */
    boolean prune(Study study, FrozenTrial trial);
}
