package org.lookaheadlab.optim.spec;

/**
 * A registry record of an optimizer: a base optimizer ({@link BaseRecord}) or a wrapper around any optimizer
 * ({@link WrapperRecord}), with whether it keeps evaluation (slow) weights.
 */
public sealed interface OptimizerRecord extends RegistryRecord permits BaseRecord, WrapperRecord {

    /** Base optimizer or wrapper. */
    enum Kind {
        /** Updates the weights from the gradient itself. */
        BASE,
        /** Wraps another optimizer and post-processes its steps. */
        WRAPPER
    }

    /** Base or wrapper. */
    Kind kind();

    /**
     * Whether the optimizer keeps weights that are evaluated instead of the live ones (Lookahead's slow weights,
     * an average, schedule-free's x), readable through {@link org.lookaheadlab.optim.EvaluationWeights} (the name
     * is older than the averaging methods: it means "has evaluation weights").
     */
    boolean hasSlowWeights();

    /** {@link #hasSlowWeights()} under its exact name. */
    default boolean hasEvaluationWeights() {
        return hasSlowWeights();
    }
}
