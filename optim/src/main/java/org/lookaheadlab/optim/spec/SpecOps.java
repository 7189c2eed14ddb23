package org.lookaheadlab.optim.spec;

import ai.djl.training.optimizer.Optimizer;
import java.util.LinkedHashMap;
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
        return buildWrapper(w.record(), build(w.inner(), context), w.hyperparameters(), context);
    }

    private static Optimizer buildWrapper(WrapperRecord r, Optimizer inner, Map<String, Object> hyperparameters,
            BuildContext context) {
        return r.factory().create(Values.of(r.name(), r.params(), hyperparameters, null), inner, context);
    }

    private static Optimizer buildBase(BaseRecord r, Map<String, Object> hyperparameters, ScheduleSpec schedule,
            BuildContext context) {
        Values values = Values.of(r.name(), r.params(), hyperparameters, OptimizerSpec.SCHEDULE);
        return r.factory().create(values,
                schedule == null ? null : schedule.lrSchedule(values.real("lr"), context.runSteps()));
    }

    /** Builds a wrapper that is being constructed once (every tensor its own layer, an endless run) and drops it. */
    static void validateWrapper(WrapperRecord r, OptimizerSpec inner, Map<String, Object> hyperparameters) {
        BuildContext context = BuildContext.validation();
        close(buildWrapper(r, build(inner, context), hyperparameters, context));
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
        return new OptimizerSpec.Wrapper(w.name(), w.inner(), values);
    }
}
