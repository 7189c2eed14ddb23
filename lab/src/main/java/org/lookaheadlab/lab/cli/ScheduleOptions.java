package org.lookaheadlab.lab.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lookaheadlab.optim.spec.Registry;
import org.lookaheadlab.optim.spec.ScheduleSpec;
import picocli.CommandLine.Option;

/**
 * The learning-rate schedule flags shared by {@code train}, {@code tune} and {@code compare} (a picocli mixin):
 * shorthand for the {@code schedule} of the base optimizer's spec ({@link ScheduleSpec}, whose registry record
 * holds the defaults and ranges). {@code --lr-schedule none|step|cosine|warmup-cosine} with
 * {@code --lr-warmup-steps} (warmupSteps), {@code --lr-step-size} (stepSize), {@code --lr-gamma} (gamma) and
 * {@code --lr-min} (lrMin); a flag of another schedule is refused rather than silently ignored.
 */
public final class ScheduleOptions {

    /** The schedule values these flags set, by registry key. */
    private static final Map<String, String> FLAGS = Map.of("warmupSteps", "--lr-warmup-steps",
            "stepSize", "--lr-step-size", "gamma", "--lr-gamma", "lrMin", "--lr-min");

    @Option(names = "--lr-schedule", paramLabel = "NAME", defaultValue = "none",
            description = "none | ${bundle:" + OptimizerHelp.SCHEDULE_NAMES + "}: cosine anneals the lr to "
                    + "--lr-min over the run; step multiplies it by --lr-gamma every --lr-step-size steps; "
                    + "warmup-cosine rises linearly over --lr-warmup-steps, then anneals to --lr-min (default "
                    + "${DEFAULT-VALUE})")
    String lrSchedule = "none";

    @Option(names = "--lr-warmup-steps", paramLabel = "N",
            description = "warm-up steps of warmup-cosine (required there; below the run's total steps)")
    Long lrWarmupSteps;

    @Option(names = "--lr-step-size", paramLabel = "N", description = "steps between decays of step (required there)")
    Long lrStepSize;

    @Option(names = "--lr-gamma", paramLabel = "F",
            description = "decay factor of step, in (0, 1] (default ${bundle:" + OptimizerHelp.STEP_GAMMA + "})")
    Double lrGamma;

    @Option(names = "--lr-min", paramLabel = "F",
            description = "final learning rate of cosine and warmup-cosine, in [0, lr] (default ${bundle:"
                    + OptimizerHelp.LR_MIN + "})")
    Double lrMin;

    /**
     * The schedule of {@code --lr-schedule} and its flags, or null for none; its horizon is "the run" (each
     * run's total steps). Fails with a one-line message naming the flag.
     */
    ScheduleSpec schedule() {
        String kind = lrSchedule.toLowerCase(Locale.ROOT);
        if (!kind.equals("none") && Registry.schedules().stream().noneMatch(r -> r.answersTo(kind))) {
            throw new IllegalArgumentException("--lr-schedule is '" + lrSchedule + "', accepted: none, "
                    + Registry.names(Registry.schedules()));
        }
        String name = kind.equals("none") ? "none" : Registry.schedule(kind).name();
        Map<String, Object> values = new LinkedHashMap<>();
        flag("warmupSteps", lrWarmupSteps, name, values);
        flag("stepSize", lrStepSize, name, values);
        flag("gamma", lrGamma, name, values);
        flag("lrMin", lrMin, name, values);
        if (name.equals("none")) {
            return null;
        }
        Registry.schedule(name).params().stream().filter(p -> p.required() && !values.containsKey(p.name()))
                .findFirst().ifPresent(p -> {
                    String f = FLAGS.get(p.name());
                    throw new IllegalArgumentException(f + " is missing, accepted: " + f + " N (" + p.accepted()
                            + ") with --lr-schedule " + name);
                });
        try {
            return new ScheduleSpec(name, values);
        } catch (IllegalArgumentException e) {
            throw inFlagWords(e);
        }
    }

    /**
     * {@code e} with the schedule's keys written as their flags ({@code lrMin = 0.5 is out of range} →
     * {@code --lr-min = 0.5 is out of range}), for errors of values that came from these flags.
     */
    static IllegalArgumentException inFlagWords(IllegalArgumentException e) {
        String message = e.getMessage();
        for (Map.Entry<String, String> f : FLAGS.entrySet()) {
            message = message.replace(f.getKey() + " = ", f.getValue() + " = ");
        }
        return new IllegalArgumentException(message, e);
    }

    /** Puts {@code value} as {@code key}, refusing the key's flag when {@code schedule} does not take it. */
    private static void flag(String key, Object value, String schedule, Map<String, Object> values) {
        String flag = FLAGS.get(key);
        List<String> takers = Registry.schedules().stream().filter(r -> r.param(key).isPresent())
                .map(r -> r.name()).toList();
        FlagDependency.requireFor(flag, value, takers.contains(schedule), "--lr-schedule is " + schedule,
                "--lr-schedule " + String.join(" or ", takers));
        if (value != null) {
            values.put(key, value);
        }
    }
}
