package org.lookaheadlab.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What a Lookahead-style wrapper needs from its inner optimizer for {@code innerState = reset / pullback}.
 * Implemented by all our base optimizers; wrappers delegate to their inner optimizer.
 */
public interface InnerStateAccess {

    /** Whether {@link #resetState} and {@link #momentumBuffers} are supported (false for a foreign inner). */
    boolean supportsInnerState();

    /** Whether this optimizer, as configured, keeps at least one momentum-like buffer per parameter. */
    boolean hasMomentumBuffers();

    /**
     * Forgets the whole state of one parameter on one device, step counter included, so that its next step
     * starts as if it were the first one.
     */
    void resetState(String parameterId, Device device);

    /**
     * The live momentum-like buffers of one parameter on one device, by name (e.g. Adam's first moment). The
     * arrays are the optimizer's own: a caller may modify them in place. Empty if the parameter has none yet.
     */
    Map<String, NDArray> momentumBuffers(String parameterId, Device device);
}
