package org.lookaheadlab.lab.experiment;

import java.util.List;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import java.util.Map;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * The seed experiments as ready-made comparisons ({@code --preset}). Every preset holds out 20% of the training
 * rows ({@link DataSpec#DEFAULT_VAL_SPLIT}, stratified, the same rows for every contender) as its validation split:
 * tuning selects on it and test figures are those of the selected configurations ({@code --val-split test}
 * restores the seed reports' selection on the test split). Every preset tunes with TPE (sampler seed 0),
 * starts every tuning trial from the weights and data order of seed 0, and retrains the best configurations over
 * 5 fresh verdict seeds (1 to 5).
 *
 * <ul>
 *   <li>{@code trajectory-lookahead}: Adam vs TrajectoryLookahead(Adam, k=5, m=3, α=1); lr log-uniform in
 *       [1e-5, 1e-1], 20 trials; mnist1d with num_samples 12,500 (10,000 train, of which 2,000 validate); MLP with one hidden layer of
 *       100; 5 epochs; batch size 100; objective final validation loss.
 *   <li>{@code weight-trajectory-lr}: Adam (lr) vs WeightTrajectoryLR(Adam) (lr and β ∈ [0, 1] jointly); 30
 *       trials; default mnist1d; MLP(100); 20 epochs; batch 100; objective minimum validation loss.
 *   <li>{@code lookahead-paper}: SGD-momentum (0.9), Adam, Lookahead(SGD-momentum), Lookahead(Adam) (k=5,
 *       α=0.5), RAdam, Ranger on the mnist1d CNN; lr tuned (adaptive: [1e-5, 1e-1], SGD: [1e-4, 1], log);
 *       20 trials; default mnist1d; 10 epochs; batch 100; objective final validation loss.
 * </ul>
 */
public final class Presets {

    /** The preset names, in documentation order. */
    public static final List<String> NAMES = List.of("trajectory-lookahead", "weight-trajectory-lr", "lookahead-paper",
            "averaging");

    private static final SearchParam LR_ADAPTIVE = new SearchParam("lr", 1e-5, 1e-1, true);
    private static final SearchParam LR_SGD = new SearchParam("lr", 1e-4, 1.0, true);
    private static final int VERDICT_SEEDS = 5;

    private Presets() {}

    /**
     * The preset's experiment.
     *
     * @throws IllegalArgumentException for an unknown name, listing the accepted ones
     */
    public static Experiment get(String name) {
        return switch (name == null ? "" : name) {
            case "trajectory-lookahead" -> trajectoryLookahead();
            case "weight-trajectory-lr" -> weightTrajectoryLr();
            case "lookahead-paper" -> lookaheadPaper();
            case "averaging" -> averaging();
            default -> throw new IllegalArgumentException(
                    "preset '" + name + "' is unknown, accepted: " + String.join(", ", NAMES));
        };
    }

    private static Protocol protocol(int epochs, ObjectiveMetric objective, int trials) {
        return new Protocol(epochs, 100, objective, trials, "tpe", 0, 0, VERDICT_SEEDS, List.of(), "none");
    }

    static Experiment trajectoryLookahead() {
        OptimizerSpec adam = OptimizerSpec.of("adam");
        SearchSpace lr = SearchSpace.of(LR_ADAPTIVE);
        return new Experiment("trajectory-lookahead", "trajectory-lookahead", new DataSpec("mnist1d:num-samples=12500", DataSpec.DEFAULT_VAL_SPLIT),
                ModelSpec.of("mlp"), protocol(5, ObjectiveMetric.FINAL_VAL_LOSS, 20), List.of(
                        new Contender("adam", adam, lr),
                        new Contender("trajectory-lookahead",
                                OptimizerSpec.parse("trajectory-lookahead(adam,k=5,m=3,alpha=1)"), lr)));
    }

    static Experiment weightTrajectoryLr() {
        OptimizerSpec adam = OptimizerSpec.of("adam");
        return new Experiment("weight-trajectory-lr", "weight-trajectory-lr", new DataSpec("mnist1d", DataSpec.DEFAULT_VAL_SPLIT), ModelSpec.of("mlp"),
                protocol(20, ObjectiveMetric.MIN_VAL_LOSS, 30), List.of(
                        new Contender("adam", adam, SearchSpace.of(LR_ADAPTIVE)),
                        new Contender("weight-trajectory-lr", OptimizerSpec.wrap("wtlr", adam, Map.of()),
                                SearchSpace.of(LR_ADAPTIVE, new SearchParam("beta", 0, 1, false)))));
    }

    static Experiment lookaheadPaper() {
        OptimizerSpec sgdm = OptimizerSpec.parse("sgd(lr=0.01,momentum=0.9)");
        OptimizerSpec adam = OptimizerSpec.of("adam");
        SearchSpace adaptive = SearchSpace.of(LR_ADAPTIVE);
        SearchSpace sgd = SearchSpace.of(LR_SGD);
        return new Experiment("lookahead-paper", "lookahead-paper", new DataSpec("mnist1d", DataSpec.DEFAULT_VAL_SPLIT), ModelSpec.of("cnn"),
                protocol(10, ObjectiveMetric.FINAL_VAL_LOSS, 20), List.of(
                        new Contender("sgd-momentum", sgdm, sgd),
                        new Contender("adam", adam, adaptive),
                        new Contender("lookahead-sgd-momentum", lookahead(sgdm), sgd),
                        new Contender("lookahead-adam", lookahead(adam), adaptive),
                        new Contender("radam", OptimizerSpec.of("radam"), adaptive),
                        new Contender("ranger", OptimizerSpec.of("ranger"), adaptive)));
    }

    /**
     * The averaging methods a reviewer names first, against seed 000's setting (that of
     * {@link #trajectoryLookahead}): Adam, Lookahead(Adam), TrajectoryLookahead(Adam, k = 5, m = 3), EMA(Adam) with
     * decay 0.99 (an average over the last ≈100 of the run's 400 steps), SWA(Adam) over the last quarter of the run
     * (from step 301 of 400: 5 epochs of 80 steps on the 8,000 training rows left by the 20% validation split) and
     * AdamW-schedule-free; lr tuned by TPE (20 trials each), every contender evaluated on its own evaluation
     * weights (training weights for Adam).
     */
    static Experiment averaging() {
        OptimizerSpec adam = OptimizerSpec.of("adam");
        SearchSpace lr = SearchSpace.of(LR_ADAPTIVE);
        return new Experiment("averaging", "averaging", new DataSpec("mnist1d:num-samples=12500",
                DataSpec.DEFAULT_VAL_SPLIT), ModelSpec.of("mlp"), protocol(5, ObjectiveMetric.FINAL_VAL_LOSS, 20),
                List.of(new Contender("adam", adam, lr),
                        new Contender("lookahead-adam", lookahead(adam), lr),
                        new Contender("trajectory-lookahead", OptimizerSpec.parse("trajectory-lookahead(adam,k=5,m=3)"),
                                lr),
                        new Contender("ema-adam", OptimizerSpec.parse("ema(adam,decay=0.99)"), lr),
                        new Contender("swa-adam", OptimizerSpec.parse("swa(adam,start=301)"), lr),
                        new Contender("adamw-schedule-free", OptimizerSpec.of("adamw-schedule-free"), lr)))
                .onEvaluationWeights();
    }

    /** Lookahead(inner, k = 5, α = 0.5), the paper's settings. */
    private static OptimizerSpec lookahead(OptimizerSpec inner) {
        return OptimizerSpec.wrap("lookahead", inner, Map.of("k", 5, "alpha", 0.5));
    }
}
