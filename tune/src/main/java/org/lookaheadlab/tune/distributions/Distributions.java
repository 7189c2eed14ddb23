package org.lookaheadlab.tune.distributions;

/** Rules that relate distributions across trials (Optuna's "same parameter name" checks). */
public final class Distributions {

    private Distributions() {
    }

    /**
     * Checks that a parameter name may move from {@code old} to {@code now} across trials: same kind, same log
     * flag, and for categoricals the same choices. Different float or int ranges are allowed (a dynamic
     * search space).
     *
     * @throws IllegalArgumentException naming the parameter and both distributions otherwise
     */
    public static void checkCompatible(String name, Distribution old, Distribution now) {
        if (old.getClass() != now.getClass()) {
            throw new IllegalArgumentException("Cannot set different distribution kind to the same parameter name: '"
                    + name + "' was " + old + ", now " + now + ".");
        }
        if (old instanceof CategoricalDistribution o && !o.equals(now)) {
            throw new IllegalArgumentException("CategoricalDistribution does not support dynamic value space: '"
                    + name + "' was " + o.choices() + ", now " + ((CategoricalDistribution) now).choices() + ".");
        }
        if (isLog(old) != isLog(now)) {
            throw new IllegalArgumentException("Cannot set different log configuration to the same parameter name: '"
                    + name + "' was " + old + ", now " + now + ".");
        }
    }

    static boolean isLog(Distribution d) {
        return d instanceof FloatDistribution f ? f.log() : d instanceof IntDistribution i && i.log();
    }
}
