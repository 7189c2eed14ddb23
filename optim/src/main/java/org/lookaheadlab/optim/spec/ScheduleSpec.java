package org.lookaheadlab.optim.spec;

import java.util.Map;
import org.lookaheadlab.optim.LrSchedule;

/**
 * A learning-rate schedule as data: a schedule registry name ({@code step}, {@code cosine},
 * {@code warmup-cosine}) and its values, relative to the base optimizer's lr, which the schedule starts from. Its
 * formulas are those of {@link LrSchedule}. Written {@code cosine(lrMin=1e-5)} in the spec text, as the
 * {@code schedule} of a base optimizer: {@code adam(lr=0.001,schedule=cosine(lrMin=1e-5))}.
 *
 * <p>Valid by construction: the name and the keys are checked against the registry, and the schedule is built
 * once (with an unbounded lr and run) so that {@link LrSchedule}'s own checks apply; what depends on the lr
 * ({@code lrMin ≤ lr}) is checked when a base optimizer takes the schedule, what depends on the run's length
 * (a warm-up shorter than the run) when the optimizer is built. {@code params} keeps only the values that differ
 * from their defaults, so that equal schedules compare equal.
 *
 * @param name canonical schedule name (an alias is accepted and replaced)
 * @param params values by key (any {@link Param#normalize accepted form}), defaults omitted
 */
public record ScheduleSpec(String name, Map<String, Object> params) {

    public ScheduleSpec {
        ScheduleRecord r = Registry.schedule(name);
        name = r.name();
        Values values = Values.of(name, r.params(), params, null);
        params = values.nonDefault();
        try {
            r.factory().create(Double.MAX_VALUE, values, Long.MAX_VALUE);
        } catch (IllegalArgumentException e) { // the endless run of this check is no value to show
            throw new IllegalArgumentException(e.getMessage().replace("totalSteps = " + Long.MAX_VALUE,
                    "the run's total steps"), e);
        }
    }

    /** The schedule {@code name} with its defaults. */
    public static ScheduleSpec of(String name) {
        return new ScheduleSpec(name, Map.of());
    }

    /** Parses the text of a schedule alone, e.g. {@code cosine(lrMin=0)}. */
    public static ScheduleSpec parse(String text) {
        return SpecParser.parseSchedule(text);
    }

    /** The registry record. */
    public ScheduleRecord record() {
        return Registry.schedule(name);
    }

    /** Every value (given or default), in canonical order. */
    public Map<String, Object> values() {
        return Values.of(name, record().params(), params, null).all();
    }

    /** Whether the horizon is the run's length ({@code totalSteps} declared and 0). */
    public boolean annealsOverTheRun() {
        Object t = values().get("totalSteps");
        return t != null && (Long) t == 0;
    }

    /**
     * This schedule with the run's length written in: when it {@link #annealsOverTheRun()}, a copy whose
     * {@code totalSteps} is {@code runSteps}; otherwise this schedule. A trainer records the result (e.g. in a
     * checkpoint's settings) so that a run of another length is told apart.
     */
    public ScheduleSpec overRun(long runSteps) {
        if (!annealsOverTheRun()) {
            return this;
        }
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(params);
        p.put("totalSteps", runSteps);
        return new ScheduleSpec(name, p);
    }

    /**
     * The {@link LrSchedule} around {@code lr}.
     *
     * @param runSteps the run's total steps (the horizon when {@link #annealsOverTheRun()}), or 0 if unknown
     * @throws IllegalArgumentException out-of-range values (e.g. lrMin &gt; lr), or a horizon that is unknown
     */
    public LrSchedule lrSchedule(double lr, long runSteps) {
        ScheduleRecord r = record();
        return r.factory().create(lr, Values.of(name, r.params(), params, null), runSteps);
    }

    /** The canonical text, e.g. {@code cosine(lrMin=1e-5)}. */
    @Override
    public String toString() {
        return SpecText.format(this, SpecText.Style.CANONICAL);
    }
}
