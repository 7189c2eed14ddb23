package org.lookaheadlab.optim.base;

import ai.djl.training.tracker.ParameterTracker;
import java.util.Objects;

/**
 * A learning rate: a fixed double (kept as double so float64 runs are exact) or a DJL {@link ParameterTracker}
 * (a {@code Tracker} or a per-parameter tracker), asked with the parameter's own step count t = 1, 2, ….
 */
public final class LearningRate {

    private final double fixed;
    private final ParameterTracker tracker;

    private LearningRate(double fixed, ParameterTracker tracker) {
        this.fixed = fixed;
        this.tracker = tracker;
    }

    /** A fixed learning rate. */
    public static LearningRate fixed(double value) {
        return new LearningRate(value, null);
    }

    /** A learning rate given by a DJL tracker. */
    public static LearningRate tracked(ParameterTracker tracker) {
        return new LearningRate(Double.NaN, Objects.requireNonNull(tracker, "tracker"));
    }

    /** The learning rate of {@code parameterId} at its step {@code t}. */
    public double at(String parameterId, long t) {
        if (tracker == null) {
            return fixed;
        }
        return tracker.getNewValue(parameterId, (int) Math.min(t, Integer.MAX_VALUE));
    }

    /** Whether a tracker drives it. */
    public boolean isTracked() {
        return tracker != null;
    }

    @Override
    public String toString() {
        return tracker == null ? Double.toString(fixed) : tracker.toString();
    }
}
