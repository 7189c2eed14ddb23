package org.lookaheadlab.optim.batched;

/** The {@link BatchedOptimizer} over a chain of batched rules. */
final class RuleOptimizer extends BatchedOptimizer {

    RuleOptimizer(BatchedRule root) {
        super(root);
    }
}
