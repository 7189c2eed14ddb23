/** Per-parameter optimizer state, its documented stream format, and small NDArray helpers. */
package org.lookaheadlab.optim.state;
