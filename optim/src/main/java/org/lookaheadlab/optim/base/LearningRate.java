package org.lookaheadlab.optim.base;

import ai.djl.training.tracker.ParameterTracker;
import java.util.Objects;
import org.lookaheadlab.optim.LrSchedule;

/**
 * A learning rate: a fixed double (kept as double so float64 runs are exact) or a DJL {@link ParameterTracker}
 * (a {@code Tracker} or a per-parameter tracker), asked with the parameter's own step count t = 1, 2, … (the
 * same 1-based count DJL's built-in optimizers pass). An {@link LrSchedule} is evaluated in double precision
 * ({@link LrSchedule#valueAt}); any other tracker through DJL's float {@code getNewValue(id, t)}.
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
        if (tracker instanceof LrSchedule schedule) {
            return schedule.valueAt(t);
        }
        return tracker.getNewValue(parameterId, (int) Math.min(t, Integer.MAX_VALUE));
    }

    /**
     * The base learning rate lr₀ of {@code parameterId} (AdaBound's): the fixed value, an {@link LrSchedule}'s
     * {@link LrSchedule#baseLr()}, or for any other tracker its value at step 1.
     */
    public double base(String parameterId) {
        if (tracker == null) {
            return fixed;
        }
        if (tracker instanceof LrSchedule schedule) {
            return schedule.baseLr();
        }
        return at(parameterId, 1);
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
