package org.lookaheadlab.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ExperimentSetup;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.lab.train.EpochMetrics;

/** Hand-made experiment results for report tests: two contenders, 3 trials each, given final val losses. */
final class SyntheticResults {

    private SyntheticResults() {}

    static ExperimentResult twoContenders(String secondName, String secondLabel, double[] baseFinal,
            double[] otherFinal, List<Integer> batchSizes) {
        ExperimentSetup setup = new ExperimentSetup("demo", "test-preset", "synthetic", "none", "mlp(4)", 3, 10,
                "final-val-loss", 3, "tpe", 7L, 0L, seeds(baseFinal.length), batchSizes, "sqlite:/tmp/x.db",
                "cosine(min=0.0, steps=run)");
        List<ContenderResult> contenders = List.of(
                contender("adam", "Adam", baseFinal, batchSizes),
                contender(secondName, secondLabel, otherFinal, batchSizes));
        return new ExperimentResult(setup, contenders, "2026-01-01T00:00:00Z", 12.5);
    }

    private static List<Long> seeds(int n) {
        List<Long> seeds = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            seeds.add(i);
        }
        return seeds;
    }

    static ContenderResult contender(String name, String label, double[] finals, List<Integer> batchSizes) {
        List<TrialRecord> trials = List.of(
                new TrialRecord(0, "COMPLETE", 0.9, Map.of("lr", 1e-4), null),
                new TrialRecord(1, "COMPLETE", 0.5, Map.of("lr", 1e-2), null),
                new TrialRecord(2, "FAIL", null, Map.of("lr", 0.09), "diverged at epoch 1 step 3 (loss NaN)"));
        List<SeedRun> runs = new ArrayList<>();
        for (int s = 0; s < finals.length; s++) {
            runs.add(run(s, 10, finals[s]));
        }
        List<SeedRun> sweep = new ArrayList<>();
        for (int bs : batchSizes) {
            if (bs != 10) {
                for (int s = 0; s < finals.length; s++) {
                    sweep.add(run(s, bs, finals[s] + bs / 1000.0));
                }
            }
        }
        return new ContenderResult(name, label, "demo/" + name + "@0badc0de", "lr=1.0E-5:0.1:log", trials, Map.of("lr", 1e-2), 0.5, runs, sweep);
    }

    /**
     * A result the size of a preset run: two contenders, {@code trials} trials each (a few failed; early values
     * far above the later ones, as TPE's random start gives), {@code seeds} verdict seeds of {@code epochs}
     * epochs, with noise from a fixed seed.
     */
    static ExperimentResult presetSized(int trials, int seeds, int epochs) {
        java.util.Random random = new java.util.Random(3);
        ExperimentSetup setup = new ExperimentSetup("trajectory-lookahead", "trajectory-lookahead",
                "mnist1d:num-samples=12500", "none", "mlp(100)", epochs, 100, "final-val-loss", trials, "tpe", 0L,
                0L, seeds(seeds), List.of(), "sqlite:/tmp/x.db", "none");
        List<ContenderResult> contenders = new ArrayList<>();
        for (String name : List.of("adam", "tla")) {
            List<TrialRecord> ts = new ArrayList<>();
            for (int t = 0; t < trials; t++) {
                double lr = Math.pow(10, -5 + 4 * random.nextDouble());
                if (t % 9 == 8) {
                    ts.add(new TrialRecord(t, "FAIL", null, Map.of("lr", lr), "diverged at epoch 1 step 3 (loss NaN)"));
                } else {
                    double value = t < 10 ? 0.9 + 1.4 * random.nextDouble() : 0.95 + 0.05 * random.nextDouble();
                    ts.add(new TrialRecord(t, "COMPLETE", value, Map.of("lr", lr), null));
                }
            }
            List<SeedRun> runs = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                List<EpochMetrics> history = new ArrayList<>();
                for (int e = 0; e < epochs; e++) {
                    double loss = 0.95 + 1.3 / (e + 1) + 0.02 * random.nextGaussian();
                    history.add(new EpochMetrics(e + 1, 100L * (e + 1), loss + 0.05, 0.6, loss, 0.65,
                            loss + 0.01, 0.64 + 0.01 * random.nextGaussian(), 0.5 * (e + 1)));
                }
                double last = history.get(epochs - 1).validationLoss();
                runs.add(new SeedRun(s, 100, "COMPLETED", null, last, history, 0.5 * epochs));
            }
            contenders.add(new ContenderResult(name, name.equals("adam") ? "Adam" : "TrajectoryLookahead(Adam)",
                    "trajectory-lookahead/" + name + "@0badc0de", "lr=1.0E-5:0.1:log", ts, Map.of("lr", 0.02), 0.95,
                    runs, List.of()));
        }
        return new ExperimentResult(setup, contenders, "2026-01-01T00:00:00Z", 600);
    }

    /** Three epochs whose validation loss ends at {@code finalLoss}; test loss = val loss + 0.01. */
    static SeedRun run(long seed, int batchSize, double finalLoss) {
        List<EpochMetrics> history = new ArrayList<>();
        double[] val = {finalLoss + 0.4, finalLoss + 0.1, finalLoss};
        for (int e = 0; e < 3; e++) {
            history.add(new EpochMetrics(e + 1, 10L * (e + 1), val[e] + 0.05, 0.5, val[e], 0.6 + 0.1 * e,
                    val[e] + 0.01, 0.55 + 0.1 * e + 0.01 * seed, 0.1 * (e + 1)));
        }
        return new SeedRun(seed, batchSize, "COMPLETED", null, finalLoss, history, 0.3);
    }
}
