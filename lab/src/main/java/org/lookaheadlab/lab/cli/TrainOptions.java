package org.lookaheadlab.lab.cli;

import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Registry;
import org.lookaheadlab.optim.spec.ScheduleSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The training flags shared by {@code train} and {@code tune} (a picocli mixin): data, model, optimizer and its
 * Lookahead-family wrappers, schedule, seeds, clipping, slow-weight evaluation and objective. Values are
 * validated by the records they build ({@link OptimizerSpec} of the optimizer registry, {@link TrainSpec}), whose messages name the
 * field, the value and the accepted range.
 */
public final class TrainOptions {

    /** {@code --data}, {@code --val-split}, {@code --num-classes}. */
    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "mlp",
            description = "mlp[:H1,H2,...] | mnist1d-mlp | cnn | gru | logistic | resnet18 | nqm (on --data nqm) "
                    + "(default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--optimizer", paramLabel = "SPEC", defaultValue = "adam",
            description = "${bundle:" + OptimizerHelp.OPTIMIZER_NAMES + "}, or any optimizer spec such as "
                    + "'lookahead(adam,k=5)' (./lookahead optimizers lists names and hyperparameters; the wrapper "
                    + "flags below wrap it) (default ${DEFAULT-VALUE})")
    String optimizer;

    /** Required by {@code train} ({@link #specBuilder()}); optional for {@code tune}, whose space usually has lr. */
    @Option(names = "--lr", paramLabel = "F", description = "learning rate (> 0); required by train, optional for tune "
            + "when --search has lr")
    Double lr;

    /** {@code --lr-schedule} and its flags. */
    @Mixin
    ScheduleOptions scheduleOptions = new ScheduleOptions();

    @Option(names = "--hyper", paramLabel = "KEY=VALUE", split = ",",
            description = "other optimizer hyperparameters, e.g. beta1=0.95,weightDecay=1e-4 (not lr: use --lr; "
                    + "default: the optimizer's own)")
    Map<String, String> hyper = new LinkedHashMap<>();

    /** Epochs or steps, not both. */
    static final class Length {
        @Option(names = "--epochs", paramLabel = "N", description = "epochs (default 10)")
        Integer epochs;

        @Option(names = "--steps", paramLabel = "N",
                description = "optimizer steps instead of epochs (default: none, --epochs sets the length)")
        Long steps;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Length length;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100", description = "(default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "seed of the initial weights and, unless --shuffle-seed, of the data order (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--shuffle-seed", paramLabel = "S", description = "seed of the data order (default: --seed)")
    Long shuffleSeed;

    @Option(names = "--grad-clip", paramLabel = "F",
            description = "clip the gradient to this global L2 norm (default: no clipping)")
    Double gradClip;

    @Option(names = "--lookahead", description = "wrap the optimizer in Lookahead")
    boolean lookahead;

    // The wrapper settings below have no picocli default, so that one given without its wrapper is refused
    // (optimizerSpec) rather than silently ignored; their defaults are applied there.

    @Option(names = "--lookahead-k", paramLabel = "K",
            description = "inner steps per Lookahead / trajectory cycle; needs --lookahead or --trajectory-lookahead "
                    + "(default ${bundle:" + OptimizerHelp.LOOKAHEAD_K + "})")
    Integer lookaheadK;

    @Option(names = "--lookahead-alpha", paramLabel = "A",
            description = "slow step size; needs --lookahead or --trajectory-lookahead (default ${bundle:"
                    + OptimizerHelp.LOOKAHEAD_ALPHA + "} for Lookahead, ${bundle:" + OptimizerHelp.TRAJECTORY_ALPHA
                    + "} for trajectory lookahead)")
    Double lookaheadAlpha;

    @Option(names = "--lookahead-inner-state", paramLabel = "MODE",
            description = "inner optimizer state at a sync: ${bundle:" + OptimizerHelp.INNER_STATE + "}; needs "
                    + "--lookahead or --trajectory-lookahead")
    String innerState;

    @Option(names = "--trajectory-lookahead", description = "wrap the optimizer in TrajectoryLookahead")
    boolean trajectoryLookahead;

    @Option(names = "--trajectory-len", paramLabel = "M",
            description = "trajectory points averaged per cycle; needs --trajectory-lookahead (default ${bundle:"
                    + OptimizerHelp.TRAJECTORY_M + "})")
    Integer trajectoryLen;

    @Option(names = "--trajectory-points", paramLabel = "MODE",
            description = "${bundle:" + OptimizerHelp.TRAJECTORY_POINTS + "}; needs --trajectory-lookahead")
    String trajectoryPoints;

    @Option(names = "--weight-trajectory-beta", paramLabel = "B",
            description = "wrap the optimizer in WeightTrajectoryLR with this beta (>= 0) (default: no "
                    + "WeightTrajectoryLR)")
    Double weightTrajectoryBeta;

    @Option(names = {"--eval-weights", "--eval-slow"}, description = "evaluate on the optimizer's evaluation weights "
            + "(Lookahead's slow weights, an EMA or SWA average, schedule-free's x), swapped back exactly afterwards; "
            + "needs an optimizer that keeps them: --lookahead, --trajectory-lookahead, ranger, ema(...), ... "
            + "(--eval-slow: the older name)")
    boolean evalWeights;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "final-val-loss",
            description = "final-val-loss | min-val-loss (default ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
            description = "float32 | float64 (default ${DEFAULT-VALUE})")
    String dtype;

    /** {@code --threads}. */
    @Mixin
    EngineThreadsOption engineThreads = new EngineThreadsOption();

    /** Sets the engine's threads for {@code --model} ({@link EngineThreadsOption}). */
    public int configureEngineThreads() {
        return engineThreads.configure(model);
    }

    /** The data of {@code --data}, {@code --val-split} and {@code --num-classes}. */
    public DataSpec dataSpec() {
        return dataSpec(null);
    }

    /**
     * The data of the flags, holding out {@code defaultValSplit} for validation unless {@code --val-split} says
     * otherwise (null: validate on the test split).
     */
    public DataSpec dataSpec(Double defaultValSplit) {
        return dataOptions.over(new DataSpec("mnist1d", defaultValSplit));
    }

    /** Loads the data of {@code --data}, with the validation split of {@code --val-split} if given. */
    public DataSplits loadData() {
        return dataSpec().load();
    }

    /** The {@code --lr} value, or null when it was not given. */
    public Double lr() {
        return lr;
    }

    /** The optimizer of these flags; {@code --lr} is required. */
    public OptimizerSpec optimizerSpec() {
        return optimizerSpec(requiredLr());
    }

    /**
     * The optimizer of these flags at learning rate {@code lr} (for {@code tune}, whose trials set lr): the spec
     * of {@code --optimizer} with {@code --hyper} values and {@code --lr-schedule}, then wrapped inside out in
     * WeightTrajectoryLR ({@code --weight-trajectory-beta}) and Lookahead or TrajectoryLookahead. The wrapper flags
     * are shorthand for the same {@link OptimizerSpec} the spec text writes; what they do not set keeps the
     * registry's default. An {@code lr} in {@code --hyper} is refused rather than silently overriding {@code --lr}.
     */
    public OptimizerSpec optimizerSpec(double lr) {
        OptimizerSpec spec = OptimizerSpec.parse(optimizer).with("lr", lr);
        for (Map.Entry<String, String> e : hyper.entrySet()) {
            if (e.getKey().strip().equalsIgnoreCase("lr")) {
                throw new IllegalArgumentException("lr is set by --lr, not --hyper (got --hyper " + e.getKey() + "="
                        + e.getValue() + ")");
            }
            spec = spec.with(e.getKey().strip(), e.getValue().strip());
        }
        ScheduleSpec schedule = schedule();
        if (schedule != null) {
            try {
                spec = spec.withSchedule(schedule);
            } catch (IllegalArgumentException e) { // e.g. a final lr above the lr
                throw ScheduleOptions.inFlagWords(e);
            }
        }
        if (lookahead && trajectoryLookahead) {
            throw new IllegalArgumentException(
                    "--lookahead and --trajectory-lookahead are both set, accepted: at most one of them");
        }
        checkWrapperSettings();
        if (weightTrajectoryBeta != null) {
            spec = OptimizerSpec.wrap(Registry.WTLR, spec, given("beta", weightTrajectoryBeta));
        }
        if (lookahead) {
            spec = OptimizerSpec.wrap(Registry.LOOKAHEAD, spec,
                    given("k", lookaheadK, "alpha", lookaheadAlpha, "innerState", innerState));
        } else if (trajectoryLookahead) {
            spec = OptimizerSpec.wrap(Registry.TRAJECTORY_LOOKAHEAD, spec, given("k", lookaheadK,
                    "m", trajectoryLen, "alpha", lookaheadAlpha, "points", trajectoryPoints, "innerState", innerState));
        }
        FlagDependency.requireFor("--eval-weights", evalWeights ? Boolean.TRUE : null, spec.hasSlowWeights(),
                "--optimizer " + optimizer + " has no evaluation weights", "--lookahead, --trajectory-lookahead or an optimizer "
                        + "that keeps them (" + TrainSpec.withSlowWeights() + ")");
        return spec;
    }

    /** The given (non-null) values of {@code keysAndValues}, in order. */
    private static Map<String, Object> given(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }

    /** Refuses a wrapper setting given without a wrapper it applies to. */
    private void checkWrapperSettings() {
        boolean anyLookahead = lookahead || trajectoryLookahead;
        String noLookahead = "neither --lookahead nor --trajectory-lookahead is";
        String lookaheadFlags = "--lookahead or --trajectory-lookahead";
        FlagDependency.requireFor("--lookahead-k", lookaheadK, anyLookahead, noLookahead, lookaheadFlags);
        FlagDependency.requireFor("--lookahead-alpha", lookaheadAlpha, anyLookahead, noLookahead, lookaheadFlags);
        FlagDependency.requireFor("--lookahead-inner-state", innerState, anyLookahead, noLookahead, lookaheadFlags);
        String noTrajectory = "--trajectory-lookahead is not" + (lookahead ? " (--lookahead is)" : "");
        FlagDependency.requireFor("--trajectory-len", trajectoryLen, trajectoryLookahead, noTrajectory,
                "--trajectory-lookahead");
        FlagDependency.requireFor("--trajectory-points", trajectoryPoints, trajectoryLookahead, noTrajectory,
                "--trajectory-lookahead");
    }

    /** The {@code --lr} value; fails with a one-line message when it was not given. */
    double requiredLr() {
        if (lr == null) {
            throw new IllegalArgumentException("--lr is missing, accepted: --lr F with F > 0");
        }
        return lr;
    }

    /** The schedule of {@code --lr-schedule} and its flags ({@link ScheduleOptions#schedule()}), or null for none. */
    ScheduleSpec schedule() {
        return scheduleOptions.schedule();
    }

    /** A spec builder holding every flag (the caller adds checkpoint settings and builds); needs {@code --lr}. */
    public TrainSpec.Builder specBuilder() {
        return specBuilder(requiredLr());
    }

    /** A spec builder holding every flag, at learning rate {@code lr} instead of {@code --lr}. */
    public TrainSpec.Builder specBuilder(double lr) {
        TrainSpec.Builder b = TrainSpec.builder()
                .model(model)
                .optimizer(optimizerSpec(lr))
                .batchSize(batchSize)
                .initSeed(seed)
                .shuffleSeed(shuffleSeed != null ? shuffleSeed : seed)
                .evalWeights(evalWeights)
                .dtype(parseDtype(dtype));
        if (gradClip != null) {
            if (!(gradClip > 0)) {
                throw new IllegalArgumentException("--grad-clip is " + gradClip + ", accepted range: > 0");
            }
            b.gradClip(gradClip);
        }
        if (length != null && length.steps != null) {
            b.steps(length.steps);
        } else {
            b.epochs(length != null && length.epochs != null ? length.epochs : 10);
        }
        return b;
    }

    public ObjectiveMetric objective() {
        return ObjectiveMetric.parse(objective);
    }

    private static DataType parseDtype(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "float32" -> DataType.FLOAT32;
            case "float64" -> DataType.FLOAT64;
            default -> throw new IllegalArgumentException("--dtype is '" + text + "', accepted: float32, float64");
        };
    }
}
