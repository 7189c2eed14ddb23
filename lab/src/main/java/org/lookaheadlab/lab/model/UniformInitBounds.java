package org.lookaheadlab.lab.model;

import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A block whose parameters PyTorch initialises from {@code U(−b, b)} with a bound {@code b} other than the
 * {@code 1/√fan_in} that {@link InitialWeights} uses by default (e.g. a GRU: {@code 1/√hidden} for every tensor).
 */
public interface UniformInitBounds {

    /** The bound of each of this block's parameters that has its own (parameters not listed use the default). */
    Map<Parameter, Double> uniformInitBounds();
}
