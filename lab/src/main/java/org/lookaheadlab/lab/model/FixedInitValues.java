package org.lookaheadlab.lab.model;

import ai.djl.nn.Parameter;
import java.util.Map;

/** A block whose parameters start at fixed values (every element of a listed parameter set to its value). */
public interface FixedInitValues {

    /** The starting value of each listed parameter. */
    Map<Parameter, Double> fixedInitValues();
}
