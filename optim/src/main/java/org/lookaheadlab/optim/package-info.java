/**
 * Lookahead-family optimizers for DJL, and the base optimizers under them.
 *
 * <ul>
 *   <li>{@code spec}: an optimizer described as data ({@link org.lookaheadlab.optim.spec.OptimizerSpec}, nested
 *       freely, with its text syntax) and the one {@link org.lookaheadlab.optim.spec.Registry} of names,
 *       hyperparameters, defaults and factories.</li>
 *   <li>{@link org.lookaheadlab.optim.Optimizers}: everything by name, over the registry (sgd, adam, adamw,
 *       rmsprop, adagrad, radam, nadam, novograd, adabound, ranger, adamw-schedule-free, sgd-schedule-free;
 *       wrappers lookahead, trajectory-lookahead, wtlr, ema, swa, schedule-free).</li>
 *   <li>{@code base}: the base optimizers, each a DJL {@link ai.djl.training.optimizer.Optimizer} with its update
 *       rule in its Javadoc (torch.optim / optax / AdaBound semantics, checked against their trajectories).</li>
 *   <li>{@code wrap}: Lookahead, TrajectoryLookahead, WeightTrajectoryLR, and the weight averages EMA, SWA and
 *       ScheduleFree, over any DJL optimizer.</li>
 *   <li>{@code state}: per-parameter state and its stream format ({@link org.lookaheadlab.optim.state.StateFormat}).</li>
 *   <li>Contracts: {@link org.lookaheadlab.optim.StatefulOptimizer} (save/restore, bit-exact resume),
 *       {@link org.lookaheadlab.optim.EvaluationWeights} (read, swap in and swap back the weights to evaluate:
 *       slow weights, an average, schedule-free's x; {@link org.lookaheadlab.optim.SlowWeights} is its older
 *       name),
 *       {@link org.lookaheadlab.optim.InnerStateAccess} (reset / pullback of an inner optimizer's state).</li>
 * </ul>
 */
package org.lookaheadlab.optim;
