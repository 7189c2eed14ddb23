/** Base optimizers: one class per rule, state per (parameter, device), own step counters. */
package org.lookaheadlab.optim.base;
