package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSources;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.Presets;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.ScheduleSpec;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainSpec;
import picocli.CommandLine;

/**
 * {@code compare --lr-schedule ...}: the schedule reaches every contender's base optimizer, the study fingerprint
 * and the report, bad flags are one line without a run folder, and the cosine horizon is each run's own length.
 */
class CompareScheduleFlagsTest {

    private static final String DATA = "mnist1d:num-samples=1000";

    private static Experiment configure(String... args) {
        CompareCommand command = new CompareCommand();
        new CommandLine(command).parseArgs(args);
        return command.configure();
    }

    @Test
    void scheduleIsAppliedToEveryContendersBaseOptimizerKeepingItsWrappers() {
        Experiment plain = Presets.get("trajectory-lookahead");
        Experiment cosine = configure("--preset", "trajectory-lookahead", "--lr-schedule", "cosine", "--lr-min",
                "1e-6");
        ScheduleSpec expected = ScheduleSpec.parse("cosine(lrMin=1e-6)");
        assertEquals(plain.contenders().size(), cosine.contenders().size());
        for (int i = 0; i < plain.contenders().size(); i++) {
            Contender p = plain.contenders().get(i);
            Contender c = cosine.contenders().get(i);
            assertEquals(new Contender(p.name(), p.optimizer().withSchedule(expected), p.search()), c);
            assertEquals(p.optimizer(), c.optimizer().withSchedule(null), "wrappers kept, only the schedule added");
        }
        Experiment step = configure("--contender", "a=adam", "--contender", "la=lookahead(adam,k=5,alpha=0.5)",
                "--lr-schedule", "step", "--lr-step-size", "3", "--lr-gamma", "0.5");
        for (Contender c : step.contenders()) {
            assertEquals(ScheduleSpec.parse("step(stepSize=3,gamma=0.5)"), c.optimizer().schedule(), c.name());
        }
        assertEquals(plain.contenders(), configure("--preset", "trajectory-lookahead").contenders(),
                "without --lr-schedule the contenders are unchanged");
    }

    @Test
    void helpNamesTheScheduleFlags() {
        CliRun o = CliRun.run("compare", "--help");
        assertEquals(0, o.code(), o.errText());
        for (String flag : List.of("--lr-schedule", "--lr-warmup-steps", "--lr-step-size", "--lr-gamma", "--lr-min")) {
            assertTrue(o.outText().contains(flag), flag + " in:\n" + o.outText());
        }
    }

    @Test
    void studiesDifferingOnlyInScheduleHaveDifferentNames() {
        String[] base = {"--contender", "a=adam", "--contender", "la=lookahead(adam,k=5,alpha=0.5)", "--data", DATA};
        List<List<String>> names = List.of(
                studyNames(configure(base)),
                studyNames(configure(concat(base, "--lr-schedule", "cosine"))),
                studyNames(configure(concat(base, "--lr-schedule", "cosine", "--lr-min", "1e-6"))),
                studyNames(configure(concat(base, "--lr-schedule", "warmup-cosine", "--lr-warmup-steps", "2"))),
                studyNames(configure(concat(base, "--lr-schedule", "step", "--lr-step-size", "2"))),
                studyNames(configure(concat(base, "--lr-schedule", "step", "--lr-step-size", "3"))));
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                for (int c = 0; c < 2; c++) {
                    assertNotEquals(names.get(i).get(c), names.get(j).get(c), "variants " + i + " and " + j);
                }
            }
        }
        assertEquals(names.get(1), studyNames(configure(concat(base, "--lr-schedule", "cosine"))),
                "the same schedule resumes the same studies");
        assertEquals(names.get(0), studyNames(configure(concat(base, "--lr-schedule", "none"))));
    }

    private static List<String> studyNames(Experiment e) {
        return e.contenders().stream().map(e::studyName).toList();
    }

    @Test
    void badScheduleFlagsAreOneLineWithExitTwoAndNoRunFolder(@TempDir Path dir) {
        Path runDir = dir.resolve("never");
        String[] base = {"compare", "--contender", "a=adam", "--data", DATA, "--epochs", "1", "--trials", "1",
            "--seeds", "1", "--out", runDir.toString(), "--quiet"};
        assertOneLineError(concat(base, "--lr-schedule", "linear"),
                "--lr-schedule is 'linear', accepted: none, step, cosine, warmup-cosine");
        assertOneLineError(concat(base, "--lr-schedule", "step"),
                "--lr-step-size is missing, accepted: --lr-step-size N (an integer in [1, ∞)) with --lr-schedule step");
        assertOneLineError(concat(base, "--lr-schedule", "warmup-cosine"),
                "--lr-warmup-steps is missing, accepted: --lr-warmup-steps N (an integer in [1, ∞) and < totalSteps) with --lr-schedule warmup-cosine");
        assertOneLineError(concat(base, "--lr-step-size", "5"),
                "--lr-step-size is set but --lr-schedule is none, accepted only with --lr-schedule step");
        assertOneLineError(concat(base, "--lr-schedule", "step", "--lr-step-size", "5", "--lr-min", "0"),
                "--lr-min is set but --lr-schedule is step, accepted only with --lr-schedule cosine or warmup-cosine");
        assertOneLineError(concat(base, "--lr-schedule", "step", "--lr-step-size", "0"),
                "--lr-step-size = 0 is out of range; accepted: [1, ∞)");
        assertOneLineError(concat(base, "--lr-schedule", "step", "--lr-step-size", "5", "--lr-gamma", "2"),
                "--lr-gamma = 2.0 is out of range; accepted: (0, 1]");
        assertOneLineError(concat(base, "--lr-schedule", "warmup-cosine", "--lr-warmup-steps", "0"),
                "--lr-warmup-steps = 0 is out of range; accepted: [1, the run's total steps)");
        // the default search space of a custom contender tunes lr over [1e-5, 1e-1]
        assertOneLineError(concat(base, "--lr-schedule", "cosine", "--lr-min", "1e-3"),
                "contender a with schedule cosine(lrMin=0.001): search space lr=1.0E-5:0.1:log does not fit "
                + "Adam(schedule=Cosine(lrMin=0.001)): --lr-min = 0.001 is out of range; accepted: [0, lr = 1.0E-5]");
        // the shortest run is the one at the largest batch size: epochs × ceil(train rows / batch size) steps
        int trainRows = DataSources.load(DATA).train().size();
        long shortest = (trainRows + 400 - 1) / 400;
        assertOneLineError(concat(base, "--batch-sizes", "50,400", "--lr-schedule", "warmup-cosine",
                "--lr-warmup-steps", String.valueOf(shortest)), "contender a does not fit the shortest "
                + "run (" + shortest + " steps at batch size 400): --lr-warmup-steps = " + shortest + " is out of range; "
                + "accepted: [1, totalSteps = " + shortest + ")");
        assertFalse(Files.exists(runDir), "a refused compare must not leave a run folder behind");
    }

    private static void assertOneLineError(String[] args, String expected) {
        CliRun o = CliRun.run(args);
        assertEquals(2, o.code(), o.errText());
        assertEquals(List.of("lookahead compare: error: " + expected), o.err());
        assertEquals("", o.outText());
    }

    /**
     * A tiny cosine comparison end to end. Every tuning trial, verdict run and batch-size sweep run is replayed
     * with {@link FairTrainer} on a cosine whose horizon is set explicitly to that run's length, epochs ×
     * ceil(train rows / batch size); the results must be identical, and a wrong horizon must not be.
     */
    @Test
    void tinyCosineCompareAnnealsOverEachRunsOwnLength(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("cosine");
        CliRun o = CliRun.run("compare", "--contender", "adam=adam", "--contender",
                "la=lookahead(adam,k=5,alpha=0.5)", "--data", DATA, "--trials", "2", "--epochs", "1", "--seeds",
                "2", "--batch-sizes", "50", "--lr-schedule", "cosine", "--val-split", "test", // replayed on the whole data
                "--out", runDir.toString(), "--quiet");
        assertEquals(0, o.code(), o.errText());
        ExperimentResult r = ResultsJson.read(runDir);
        assertEquals("cosine(lrMin=0, steps=run)", r.setup().lrSchedule());
        String report = Files.readString(runDir.resolve("report.md"));
        assertTrue(report.contains("| lr schedule (base optimizer of every contender) | cosine(lrMin=0, "
                + "steps=total steps of each run) |"), report);
        assertTrue(Files.readString(runDir.resolve("report.html")).contains("cosine(lrMin=0, steps=total steps of each run)"));

        DataSplits data = DataSources.load(DATA);
        int n = data.train().size();
        OptimizerSpec[] bases = {OptimizerSpec.of("adam", 1e-3), OptimizerSpec.parse("lookahead(adam,k=5,alpha=0.5)")};
        FairTrainer trainer = new FairTrainer();
        for (int c = 0; c < 2; c++) {
            ContenderResult cr = r.contenders().get(c);
            assertEquals(2, cr.trials().size());
            // the trials train in one round as one batch (--tune-batch, default 10): float32 to 1e-4 of each alone
            for (TrialRecord t : cr.trials()) {
                double lr = t.params().get("lr");
                assertEquals(t.value(), replay(trainer, data, bases[c], lr, 100, 0, ceil(n, 100)),
                        1e-4, cr.name() + " trial " + t.number());
            }
            double best = cr.bestParams().get("lr");
            assertEquals(2, cr.seedRuns().size());
            assertEquals(2, cr.sweepRuns().size());
            // the verdict runs train batched (--batch-runs, default 20): float32 to 1e-4 of each run alone
            for (SeedRun run : concatRuns(cr.seedRuns(), cr.sweepRuns())) {
                long steps = ceil(n, run.batchSize());
                assertEquals(run.objective(), replay(trainer, data, bases[c], best, run.batchSize(), run.seed(),
                        steps), 1e-4, cr.name() + " seed " + run.seed() + " bs " + run.batchSize());
            }
            SeedRun sweep = cr.sweepRuns().get(0);
            assertEquals(50, sweep.batchSize());
            double otherHorizon = replay(trainer, data, bases[c], best, 50, sweep.seed(), ceil(n, 100));
            assertTrue(Math.abs(sweep.objective() - otherHorizon) > 1e-3, "the sweep run must not anneal over the "
                    + "horizon of batch size 100: " + sweep.objective() + " vs " + otherHorizon);
        }
    }

    private static long ceil(int n, int batchSize) {
        return (n + (long) batchSize - 1) / batchSize;
    }

    /** Final validation loss of one epoch at {@code lr} on a cosine to 0 over exactly {@code horizon} steps. */
    private static double replay(FairTrainer trainer, DataSplits data, OptimizerSpec base, double lr, int batchSize,
            long seed, long horizon) {
        OptimizerSpec spec = base.with("lr", lr)
                .withSchedule(ScheduleSpec.parse("cosine(totalSteps=" + horizon + ")"));
        TrainSpec train = TrainSpec.builder().model(ModelSpec.of("mlp")).optimizer(spec).epochs(1)
                .batchSize(batchSize).seed(seed).build();
        var history = trainer.train(data, train, TrainListener.NONE).history();
        return history.get(history.size() - 1).validationLoss();
    }

    private static List<SeedRun> concatRuns(List<SeedRun> a, List<SeedRun> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
