package org.lookaheadlab.tune.distributions;

/**
 * The search range of one parameter. Every value is kept in an <em>internal representation</em>, a double:
 * floats as themselves, ints as the integer value, categoricals as the index into the choices.
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** True when the range holds exactly one value; such a parameter is never sent to a sampler. */
    boolean single();

    /** Whether an internal value lies in this distribution (in range and on the step grid). */
    boolean contains(double internal);

    /** The internal representation of an external value; throws IllegalArgumentException if invalid. */
    double toInternal(Object external);

    /** The external value (Double, Long or String) of an internal one. */
    Object toExternal(double internal);

    /** The value used when {@link #single()} is true. */
    double singleValue();
}
