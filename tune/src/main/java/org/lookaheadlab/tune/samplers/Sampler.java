package org.lookaheadlab.tune.samplers;

import java.util.Map;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.Trial;
import org.lookaheadlab.tune.distributions.Distribution;

/**
 * Chooses parameter values. As in Optuna, a sampler may sample a <em>relative</em> search space jointly at a
 * trial's first suggestion (multivariate), and samples every other parameter on its own
 * ({@link #sampleIndependent}). All values are internal representations (see {@link Distribution}).
 * Samplers read the study's history through {@link Trial#history()}, which is loaded once per trial.
 */
public interface Sampler {

    /** The parameters to sample jointly for this trial, sorted by name; empty for none. */
    default Map<String, Distribution> inferRelativeSearchSpace(Study study, Trial trial) {
        return Map.of();
    }

    /** Joint values for (a subset of) the relative search space; empty to fall back to independent sampling. */
    default Map<String, Double> sampleRelative(Study study, Trial trial, Map<String, Distribution> searchSpace) {
        return Map.of();
    }

    /** A value for one parameter that is not in the relative sample. */
    double sampleIndependent(Study study, Trial trial, String name, Distribution distribution);
}
