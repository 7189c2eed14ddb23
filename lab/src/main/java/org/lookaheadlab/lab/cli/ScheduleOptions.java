package org.lookaheadlab.lab.cli;

import java.util.List;
import java.util.Locale;
import org.lookaheadlab.lab.train.OptimizerSpec;
import picocli.CommandLine.Option;

/**
 * The learning-rate schedule flags shared by {@code train}, {@code tune} and {@code compare} (a picocli mixin):
 * {@code --lr-schedule none|cosine|step|warmup-cosine} with {@code --lr-warmup-steps}, {@code --lr-step-size},
 * {@code --lr-gamma} and {@code --lr-min}. {@link #schedule()} turns them into {@link OptimizerSpec.ScheduleSettings},
 * whose constructor checks the ranges; a flag of another schedule is refused rather than silently ignored.
 */
public final class ScheduleOptions {

    @Option(names = "--lr-schedule", paramLabel = "NAME", defaultValue = "none",
            description = "none | cosine | step | warmup-cosine: cosine anneals the lr to --lr-min over the run; step "
                    + "multiplies it by --lr-gamma every --lr-step-size steps; warmup-cosine rises linearly over "
                    + "--lr-warmup-steps, then anneals to --lr-min (default ${DEFAULT-VALUE})")
    String lrSchedule = "none";

    @Option(names = "--lr-warmup-steps", paramLabel = "N",
            description = "warm-up steps of warmup-cosine (required there; below the run's total steps)")
    Long lrWarmupSteps;

    @Option(names = "--lr-step-size", paramLabel = "N", description = "steps between decays of step (required there)")
    Long lrStepSize;

    @Option(names = "--lr-gamma", paramLabel = "F", description = "decay factor of step, in (0, 1] (default 0.1)")
    Double lrGamma;

    @Option(names = "--lr-min", paramLabel = "F",
            description = "final learning rate of cosine and warmup-cosine, in [0, lr] (default 0)")
    Double lrMin;

    /**
     * The schedule of {@code --lr-schedule} and its flags, or null for none; its horizon is "the run" (filled in
     * by the trainer with each run's total steps). Fails with a one-line message naming the flag.
     */
    OptimizerSpec.ScheduleSettings schedule() {
        String kind = lrSchedule.toLowerCase(Locale.ROOT);
        if (!kind.equals("none") && !OptimizerSpec.ScheduleSettings.KINDS.contains(kind)) {
            throw new IllegalArgumentException("--lr-schedule is '" + lrSchedule
                    + "', accepted: none, cosine, step, warmup-cosine");
        }
        onlyWith("--lr-warmup-steps", lrWarmupSteps, kind, "warmup-cosine");
        onlyWith("--lr-step-size", lrStepSize, kind, "step");
        onlyWith("--lr-gamma", lrGamma, kind, "step");
        onlyWith("--lr-min", lrMin, kind, "cosine", "warmup-cosine");
        switch (kind) {
            case "cosine":
                return OptimizerSpec.ScheduleSettings.cosine(lrMin == null ? 0 : lrMin);
            case "step":
                if (lrStepSize == null) {
                    throw new IllegalArgumentException("--lr-step-size is missing, accepted: --lr-step-size N (>= 1) "
                            + "with --lr-schedule step");
                }
                return OptimizerSpec.ScheduleSettings.step(lrStepSize, lrGamma == null ? 0.1 : lrGamma);
            case "warmup-cosine":
                if (lrWarmupSteps == null) {
                    throw new IllegalArgumentException("--lr-warmup-steps is missing, accepted: --lr-warmup-steps N "
                            + "(>= 1) with --lr-schedule warmup-cosine");
                }
                return OptimizerSpec.ScheduleSettings.warmupCosine(lrWarmupSteps, lrMin == null ? 0 : lrMin);
            default:
                return null;
        }
    }

    private static void onlyWith(String flag, Object value, String kind, String... kinds) {
        FlagDependency.requireFor(flag, value, List.of(kinds).contains(kind), "--lr-schedule is " + kind,
                "--lr-schedule " + String.join(" or ", kinds));
    }
}
