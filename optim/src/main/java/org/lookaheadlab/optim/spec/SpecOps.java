package org.lookaheadlab.optim.spec;

import ai.djl.training.optimizer.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Building, validating and editing {@link OptimizerSpec}s through the {@link Registry}. */
final class SpecOps {

    private SpecOps() {}

    /** Builds {@code spec} inside out. */
    static Optimizer build(OptimizerSpec spec, BuildContext context) {
        if (spec instanceof OptimizerSpec.Base b) {
            return buildBase(b.record(), b.hyperparameters(), b.schedule(), context);
        }
        OptimizerSpec.Wrapper w = (OptimizerSpec.Wrapper) spec;
        WrapperRecord r = w.record();
        Optimizer inner = build(w.inner(), context);
        return r.factory().create(Values.of(r.name(), r.params(), w.values(), null), inner, context);
    }

    private static Optimizer buildBase(BaseRecord r, Map<String, Object> hyperparameters, ScheduleSpec schedule,
            BuildContext context) {
        Values values = Values.of(r.name(), r.params(), hyperparameters, OptimizerSpec.SCHEDULE);
        return r.factory().create(values,
                schedule == null ? null : schedule.lrSchedule(values.real("lr"), context.runSteps()));
    }

    /** Builds {@code spec} once, with every tensor its own layer and an endless run, and drops the result. */
    static void validate(OptimizerSpec spec) {
        close(build(spec, BuildContext.validation()));
    }

    /** As {@link #validate} for a base optimizer that is being constructed. */
    static void validateBase(BaseRecord r, Map<String, Object> hyperparameters, ScheduleSpec schedule) {
        close(buildBase(r, hyperparameters, schedule, BuildContext.validation()));
    }

    private static void close(Optimizer o) {
        if (o instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close a validation build", e);
            }
        }
    }

    /** {@link OptimizerSpec#with}. */
    static OptimizerSpec with(OptimizerSpec spec, String key, Object value) {
        if (key.equals(OptimizerSpec.SCHEDULE)) {
            ScheduleSpec s = value == null || value instanceof ScheduleSpec ? (ScheduleSpec) value
                    : ScheduleSpec.parse(value.toString());
            return spec.withSchedule(s);
        }
        if (!spec.parameterNames().contains(key)) {
            throw new IllegalArgumentException("unknown hyperparameter '" + key + "' of " + spec + "; accepted: "
                    + String.join(", ", spec.parameterNames()) + ", " + OptimizerSpec.SCHEDULE);
        }
        return withPresent(spec, key, value);
    }

    private static OptimizerSpec withPresent(OptimizerSpec spec, String key, Object value) {
        if (spec.record().param(key).isEmpty()) {
            OptimizerSpec.Wrapper w = (OptimizerSpec.Wrapper) spec;
            return w.withInner(withPresent(w.inner(), key, value));
        }
        Map<String, Object> values = new LinkedHashMap<>(spec.values());
        values.put(key, value);
        if (spec instanceof OptimizerSpec.Base b) {
            return new OptimizerSpec.Base(b.name(), values, b.schedule());
        }
        OptimizerSpec.Wrapper w = (OptimizerSpec.Wrapper) spec;
        WrapperRecord r = w.record();
        return r.spec().create(w.inner(), Values.of(r.name(), r.params(), values, null));
    }

    /** An unmodifiable map of the key, value pairs, in order. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The spec word of an enum constant: its name in lower case. */
    static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
