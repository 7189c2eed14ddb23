package org.lookaheadlab.optim.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes specs in the text of {@link SpecParser}'s grammar. The canonical text is a fingerprint: registry names,
 * the inner spec first, then the values that differ from their defaults in the registry's order, a base's
 * {@code schedule} last, shortest round-trip numbers ({@link Numbers}), no spaces, no empty parentheses.
 */
final class SpecText {

    /** How to write. */
    enum Style {
        /** Defaults omitted, exact numbers: {@code lookahead(adam(lr=0.003),k=6)}. */
        CANONICAL,
        /** Every value written out, exact numbers. */
        EXPLICIT,
        /** Display names, defaults omitted, 4 significant digits, spaces after commas (for reports). */
        LABEL
    }

    private SpecText() {}

    static String format(OptimizerSpec spec, Style style) {
        OptimizerRecord r = spec.record();
        List<String> args = new ArrayList<>();
        if (spec instanceof OptimizerSpec.Wrapper w) {
            args.add(format(w.inner(), style));
        }
        addValues(args, r, style == Style.EXPLICIT ? spec.values() : spec.hyperparameters(), style);
        if (spec instanceof OptimizerSpec.Base b && b.schedule() != null) {
            args.add(OptimizerSpec.SCHEDULE + "=" + format(b.schedule(), style));
        }
        return call(style == Style.LABEL ? r.displayName() : r.name(), args, style);
    }

    static String format(ScheduleSpec schedule, Style style) {
        ScheduleRecord r = schedule.record();
        List<String> args = new ArrayList<>();
        addValues(args, r, style == Style.EXPLICIT ? schedule.values() : schedule.params(), style);
        return call(style == Style.LABEL ? r.displayName() : r.name(), args, style);
    }

    private static void addValues(List<String> args, RegistryRecord r, Map<String, Object> values, Style style) {
        values.forEach((key, value) -> {
            String text = value instanceof Double d && style == Style.LABEL ? Numbers.rounded(d, 4)
                    : r.param(key).orElseThrow().text(value);
            args.add(key + "=" + text);
        });
    }

    private static String call(String name, List<String> args, Style style) {
        return args.isEmpty() ? name : name + "(" + String.join(style == Style.LABEL ? ", " : ",", args) + ")";
    }
}
