/**
 * One description of an optimizer for the whole project.
 *
 * <ul>
 *   <li>{@link org.lookaheadlab.optim.spec.OptimizerSpec}: an optimizer as data — a base optimizer with its
 *       hyperparameters and optional learning-rate {@link org.lookaheadlab.optim.spec.ScheduleSpec}, or a wrapper
 *       around another spec, nested freely; {@code build()} makes the DJL optimizer.</li>
 *   <li>{@link org.lookaheadlab.optim.spec.Registry}: the one list of optimizers, wrappers and schedules with
 *       names, aliases, display names, hyperparameters ({@link org.lookaheadlab.optim.spec.Param}: type,
 *       default, {@link org.lookaheadlab.optim.spec.Range}), factories and whether they keep slow weights.</li>
 *   <li>The text: {@link org.lookaheadlab.optim.spec.OptimizerSpec#parse} (grammar in its Javadoc) and
 *       {@link org.lookaheadlab.optim.spec.OptimizerSpec#format}, canonical and stable, e.g.
 *       {@code wtlr(lookahead(sgd(lr=0.1,momentum=0.9)),beta=0.3)}.</li>
 * </ul>
 */
package org.lookaheadlab.optim.spec;
