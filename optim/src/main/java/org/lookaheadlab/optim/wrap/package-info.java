/** Wrappers over any DJL optimizer: Lookahead, TrajectoryLookahead, WeightTrajectoryLR. */
package org.lookaheadlab.optim.wrap;
