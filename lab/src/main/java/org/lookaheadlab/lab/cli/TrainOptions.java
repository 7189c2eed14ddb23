package org.lookaheadlab.lab.cli;

import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.train.EngineThreads;
import org.lookaheadlab.lab.train.Objective;
import org.lookaheadlab.lab.train.OptimizerSpec;
import org.lookaheadlab.lab.train.OptimizerSpec.LookaheadSettings;
import org.lookaheadlab.lab.train.OptimizerSpec.TrajectorySettings;
import org.lookaheadlab.lab.train.TrainSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The training flags shared by {@code train} and {@code tune} (a picocli mixin): data, model, optimizer and its
 * Lookahead-family wrappers, schedule, seeds, clipping, slow-weight evaluation and objective. Values are
 * validated by the records they build ({@link OptimizerSpec}, {@link TrainSpec}), whose messages name the
 * field, the value and the accepted range.
 */
public final class TrainOptions {

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "mnist1d",
            description = "mnist1d[:num-samples=N,seed=S,...] | csv:PATH | cifar10:DIR[:limit=N] | npy:DIR (x.npy, "
                    + "y.npy, x_test.npy, y_test.npy; optionally x_val.npy, y_val.npy) (default ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--val-split", paramLabel = "F",
            description = "hold out this fraction of the training rows as validation split (default: validate on test)")
    Double valSplit;

    @Option(names = "--num-classes", paramLabel = "N",
            description = "classes of csv: or npy: data: labels must lie in 0..N-1 (default: the distinct labels, "
                    + "which must then be 0..K-1)")
    Integer numClasses;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "mlp",
            description = "mlp[:H1,H2,...] | mnist1d-mlp | cnn | logistic | resnet18 (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "sgd | adam | adamw | rmsprop | radam | nadam | novograd | adabound | adagrad | ranger "
                    + "(default ${DEFAULT-VALUE})")
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
                    + "(default " + LookaheadSettings.DEFAULT_K + ")")
    Integer lookaheadK;

    @Option(names = "--lookahead-alpha", paramLabel = "A",
            description = "slow step size; needs --lookahead or --trajectory-lookahead (default "
                    + LookaheadSettings.DEFAULT_ALPHA + " for Lookahead, " + TrajectorySettings.DEFAULT_ALPHA
                    + " for trajectory lookahead)")
    Double lookaheadAlpha;

    @Option(names = "--lookahead-inner-state", paramLabel = "MODE",
            description = "inner optimizer state at a sync: none | reset | pullback; needs --lookahead or "
                    + "--trajectory-lookahead (default " + LookaheadSettings.DEFAULT_INNER_STATE + ")")
    String innerState;

    @Option(names = "--trajectory-lookahead", description = "wrap the optimizer in TrajectoryLookahead")
    boolean trajectoryLookahead;

    @Option(names = "--trajectory-len", paramLabel = "M",
            description = "trajectory points averaged per cycle; needs --trajectory-lookahead (default "
                    + TrajectorySettings.DEFAULT_M + ")")
    Integer trajectoryLen;

    @Option(names = "--trajectory-points", paramLabel = "MODE",
            description = "last | spread; needs --trajectory-lookahead (default " + TrajectorySettings.DEFAULT_POINTS
                    + ")")
    String trajectoryPoints;

    @Option(names = "--weight-trajectory-beta", paramLabel = "B",
            description = "wrap the optimizer in WeightTrajectoryLR with this beta (>= 0) (default: no "
                    + "WeightTrajectoryLR)")
    Double weightTrajectoryBeta;

    @Option(names = "--eval-slow", description = "evaluate on the Lookahead-family slow weights; needs --lookahead, "
            + "--trajectory-lookahead or --optimizer ranger")
    boolean evalSlow;

    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "final-val-loss",
            description = "final-val-loss | min-val-loss (default ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32",
            description = "float32 | float64 (default ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--threads", paramLabel = "N",
            description = "intra-op threads of the engine (default: 1 for the small models, which run faster single-"
                    + "threaded, all cores for resnet18); ignored if the engine is already loaded")
    Integer threads;

    /**
     * Sets the engine's intra-op thread count: {@code --threads}, or by default 1 for every model but resnet18
     * (all cores). Per-op dispatch dominates the small models, and several threads fighting over busy cores
     * cost up to 100 ms per step (measured), so one thread is the safe default there. An explicit
     * {@code -Dai.djl.pytorch.num_threads} wins over the default. Inter-op threads (settable only before the
     * engine starts) default to 1.
     */
    public void configureEngineThreads() {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads is " + threads + ", accepted range: >= 1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (threads == null && System.getProperty("ai.djl.pytorch.num_threads") != null) {
            return;
        }
        int n = threads != null ? threads
                : model.toLowerCase(Locale.ROOT).startsWith("resnet18") ? Runtime.getRuntime().availableProcessors() : 1;
        EngineThreads.set(n);
    }

    /** The data of {@code --data}, {@code --val-split} and {@code --num-classes}. */
    public DataSpec dataSpec() {
        return new DataSpec(data, valSplit, numClasses);
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
     * The optimizer of these flags at learning rate {@code lr} (for {@code tune}, whose trials set lr). An
     * {@code lr} in {@code --hyper} is refused rather than silently overriding {@code --lr}.
     */
    public OptimizerSpec optimizerSpec(double lr) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("lr", lr);
        hyper.forEach((k, v) -> {
            if (k.strip().equalsIgnoreCase("lr")) {
                throw new IllegalArgumentException("lr is set by --lr, not --hyper (got --hyper " + k + "=" + v + ")");
            }
            h.put(k, parseValue(v));
        });
        OptimizerSpec spec = new OptimizerSpec(optimizer, h, null, null, weightTrajectoryBeta, schedule());
        if (lookahead && trajectoryLookahead) {
            throw new IllegalArgumentException(
                    "--lookahead and --trajectory-lookahead are both set, accepted: at most one of them");
        }
        checkWrapperSettings();
        int k = lookaheadK != null ? lookaheadK : LookaheadSettings.DEFAULT_K;
        String inner = innerState != null ? innerState : LookaheadSettings.DEFAULT_INNER_STATE;
        if (lookahead) {
            spec = spec.withLookahead(new LookaheadSettings(k,
                    lookaheadAlpha != null ? lookaheadAlpha : LookaheadSettings.DEFAULT_ALPHA, inner));
        } else if (trajectoryLookahead) {
            spec = spec.withTrajectory(new TrajectorySettings(k,
                    trajectoryLen != null ? trajectoryLen : TrajectorySettings.DEFAULT_M,
                    lookaheadAlpha != null ? lookaheadAlpha : TrajectorySettings.DEFAULT_ALPHA,
                    trajectoryPoints != null ? trajectoryPoints : TrajectorySettings.DEFAULT_POINTS, inner));
        }
        FlagDependency.requireFor("--eval-slow", evalSlow ? Boolean.TRUE : null, spec.hasSlowWeights(),
                spec.label() + " has no slow weights", "--lookahead, --trajectory-lookahead or --optimizer ranger");
        return spec;
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
    OptimizerSpec.ScheduleSettings schedule() {
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
                .evalSlow(evalSlow)
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

    public Objective objective() {
        return Objective.parse(objective);
    }

    private static DataType parseDtype(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "float32" -> DataType.FLOAT32;
            case "float64" -> DataType.FLOAT64;
            default -> throw new IllegalArgumentException("--dtype is '" + text + "', accepted: float32, float64");
        };
    }

    private static Object parseValue(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
