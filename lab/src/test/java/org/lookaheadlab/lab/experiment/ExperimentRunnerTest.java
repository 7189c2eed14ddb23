package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.Mnist1dConfig;
import org.lookaheadlab.lab.data.Mnist1dGenerator;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.report.ComparisonAnalysis;
import org.lookaheadlab.lab.report.ReportRenderer;
import org.lookaheadlab.lab.train.EngineThreads;
import org.lookaheadlab.lab.train.EpochMetrics;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.tune.storage.InMemoryStorage;

/** A small comparison end to end: tiny mnist1d, 2 epochs, 3 trials, 2 verdict seeds. */
class ExperimentRunnerTest {

    private static DataSplits data;

    @BeforeAll
    static void generateData() {
        EngineThreads.set(1); // tiny models: one engine thread is fastest, and robust on a busy machine
        data = Mnist1dGenerator.generate(Mnist1dConfig.builder().numSamples(500).build()).toSplits();
    }

    static Experiment tiny(int trials, List<Integer> batchSizes) {
        OptimizerSpec adam = OptimizerSpec.of("adam", 1e-3);
        SearchSpace lr = SearchSpace.parse("lr=1e-4:1e-1:log");
        Protocol protocol = new Protocol(2, 50, ObjectiveMetric.FINAL_VAL_LOSS, trials, "tpe", 3, 0, 2, batchSizes, "none");
        return new Experiment("tiny", null, new DataSpec("mnist1d:num-samples=500", null), new ModelSpec("mlp", new int[] {16}),
                protocol, List.of(new Contender("adam", adam, lr),
                        new Contender("tla", OptimizerSpec.parse("trajectory-lookahead(adam,k=5,m=3,alpha=1)"),
                                lr)));
    }

    @Test
    void smallComparisonProducesEveryFile(@TempDir Path dir) throws Exception {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            ExperimentResult result = new ExperimentRunner(tiny(3, List.of(25)), data, storage, "memory", dir,
                    Progress.SILENT).run();
            ComparisonAnalysis analysis = ReportRenderer.render(result, dir);

            assertEquals(2, result.contenders().size());
            for (ContenderResult c : result.contenders()) {
                assertEquals(3, c.trials().stream().filter(TrialRecord::complete).count(), c.name());
                assertNotNull(c.bestValue());
                double min = c.trials().stream().filter(TrialRecord::complete).mapToDouble(TrialRecord::value)
                        .min().orElseThrow();
                assertEquals(min, c.bestValue(), 0.0, "best value is the minimum over complete trials");
                assertTrue(c.bestParams().get("lr") >= 1e-4 && c.bestParams().get("lr") <= 1e-1);
                assertEquals(List.of(1L, 2L), c.seedRuns().stream().map(SeedRun::seed).toList());
                assertEquals(2, c.sweepRuns().size());
                assertTrue(c.sweepRuns().stream().allMatch(r -> r.batchSize() == 25));
                for (SeedRun r : c.seedRuns()) {
                    assertEquals(2, r.history().size());
                    assertEquals(r.history().get(1).validationLoss(), r.objective(), 0.0);
                    assertTrue(r.finalTestAccuracy() > 0.1, "better than chance: " + r.finalTestAccuracy());
                }
            }
            assertEquals(1, analysis.verdicts().size());
            assertTrue(analysis.verdicts().get(0).contains("tla"), analysis.verdicts().get(0));

            for (String f : List.of("results.json", "trials.csv", "history.csv", "report.md", "report.html",
                    "plots/curves-val-loss.png", "plots/curves-test-loss.svg", "plots/trials-box.png",
                    "plots/objective-vs-lr.png", "plots/optimization-history.svg", "plots/batch-size.png")) {
                assertTrue(Files.size(dir.resolve(f)) > 0, f);
            }
            assertEquals(1 + 2 * 3, Files.readAllLines(dir.resolve("trials.csv")).size());
            // 2 contenders x 2 seeds x (batch 50 + batch 25) x 2 epochs
            assertEquals(1 + 2 * 2 * 2 * 2, Files.readAllLines(dir.resolve("history.csv")).size());
        }
    }

    @Test
    void moreJobsThanStudiesTuneInParallelAndTheVerdictRunsAreTheBestTrainedAlone(@TempDir Path dir) {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            Experiment e = tiny(4, List.of());
            // 4 jobs, 2 studies: two trials of each study at once, beside each other's and the default runs
            ExperimentResult result = new ExperimentRunner(e, data, storage, "memory", dir, Progress.SILENT, 4).run();
            for (int i = 0; i < 2; i++) {
                Contender c = e.contenders().get(i);
                ContenderResult r = result.contenders().get(i);
                assertEquals(4, r.trials().stream().filter(TrialRecord::complete).count(), c.name());
                for (SeedRun run : r.seedRuns()) {
                    TrainResult alone = new FairTrainer().train(data, e.run(c, r.bestParams(),
                            e.protocol().batchSize(), run.seed()).build(), TrainListener.NONE);
                    assertEquals(withoutTimes(alone.history()), withoutTimes(run), c.name() + " seed " + run.seed());
                }
            }
        }
    }

    @Test
    void batchedVerdictRunsGiveTheVerdictsOfRunsTrainedAloneAndCountEveryRun(@TempDir Path dir) {
        Experiment e = tiny(3, List.of(25));
        ExperimentResult alone;
        ExperimentResult batched;
        long[] progress = new long[2]; // total, steps
        try (InMemoryStorage storage = new InMemoryStorage()) {
            alone = new ExperimentRunner(e, data, storage, "memory", dir.resolve("alone"), Progress.SILENT, 1, 1).run();
        }
        try (InMemoryStorage storage = new InMemoryStorage()) {
            Progress counting = new Progress() {
                @Override
                public synchronized void begin(String task, long total) {
                    progress[0] = total;
                }

                @Override
                public synchronized void step(String message) {
                    progress[1]++;
                }
            };
            batched = new ExperimentRunner(e, data, storage, "memory", dir.resolve("batched"), counting, 1, 20).run();
        }
        assertEquals(progress[0], progress[1], "every trial and run counted once");
        for (int i = 0; i < e.contenders().size(); i++) {
            ContenderResult a = alone.contenders().get(i);
            ContenderResult b = batched.contenders().get(i);
            assertEquals(a.trials(), b.trials(), "tuning is not batched: the same trials");
            assertEquals(a.bestParams(), b.bestParams());
            List<SeedRun> runsAlone = new ArrayList<>(a.seedRuns());
            runsAlone.addAll(a.sweepRuns());
            runsAlone.addAll(a.defaultRuns());
            List<SeedRun> runsBatched = new ArrayList<>(b.seedRuns());
            runsBatched.addAll(b.sweepRuns());
            runsBatched.addAll(b.defaultRuns());
            assertEquals(runsAlone.size(), runsBatched.size());
            for (int r = 0; r < runsAlone.size(); r++) {
                SeedRun x = runsAlone.get(r);
                SeedRun y = runsBatched.get(r);
                String what = a.name() + " seed " + x.seed() + " bs " + x.batchSize();
                assertEquals(x.seed(), y.seed(), what);
                assertEquals(x.batchSize(), y.batchSize(), what);
                assertEquals(x.status(), y.status(), what);
                assertEquals(x.objective(), y.objective(), 1e-4, what);
                assertEquals(x.finalTestLoss(), y.finalTestLoss(), 1e-4, what);
                assertEquals(x.finalTestAccuracy(), y.finalTestAccuracy(), 1e-4, what);
            }
        }
        // the same verdict: the same conclusion, its statistics equal to float32 rounding of the runs
        ComparisonAnalysis a = ComparisonAnalysis.of(alone);
        ComparisonAnalysis b = ComparisonAnalysis.of(batched);
        assertEquals(a.verdicts().size(), b.verdicts().size());
        for (int i = 0; i < a.verdicts().size(); i++) {
            String conclusion = a.verdicts().get(i).substring(0, a.verdicts().get(i).indexOf('('));
            assertTrue(b.verdicts().get(i).startsWith(conclusion), b.verdicts().get(i));
        }
        var testAlone = a.contenders().get(1).objectiveVsBaseline();
        var testBatched = b.contenders().get(1).objectiveVsBaseline();
        assertEquals(testAlone.meanDifference(), testBatched.meanDifference(), 1e-4);
        assertEquals(testAlone.pValue(), testBatched.pValue(), 1e-3);
    }

    @Test
    void verdictSeedsArePairedAndTuningTrialsShareInitialWeights(@TempDir Path dir) {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            // the same optimizer twice: identical initial weights and data order per seed -> identical runs
            OptimizerSpec adam = OptimizerSpec.of("adam", 1e-3);
            SearchSpace lr = SearchSpace.parse("lr=1e-3:1e-2:log");
            Protocol protocol = new Protocol(1, 50, ObjectiveMetric.FINAL_VAL_LOSS, 2, "random", 5, 0, 2, List.of(), "none");
            Experiment e = new Experiment("twins", null, new DataSpec("mnist1d", null), new ModelSpec("mlp", new int[] {8}), protocol,
                    List.of(new Contender("a", adam, lr), new Contender("b", adam, lr)));
            ExperimentResult result = new ExperimentRunner(e, data, storage, "memory", dir, Progress.SILENT).run();
            ContenderResult a = result.contenders().get(0);
            ContenderResult b = result.contenders().get(1);
            assertEquals(a.trials(), b.trials(), "same sampler seed and same initial weights give the same trials");
            for (int i = 0; i < 2; i++) {
                assertEquals(withoutTimes(a.seedRuns().get(i)), withoutTimes(b.seedRuns().get(i)));
            }
            assertFalse(withoutTimes(a.seedRuns().get(0)).equals(withoutTimes(a.seedRuns().get(1))),
                    "different seeds give different runs");
            ComparisonAnalysis analysis = ComparisonAnalysis.of(result);
            assertEquals(1.0, analysis.contenders().get(1).objectiveVsBaseline().pValue());
            assertTrue(analysis.verdicts().get(0).startsWith("No significant difference"), analysis.verdicts().get(0));
        }
    }

    @Test
    void repeatedTuningRunsIndependentStudiesAndTheVerdictPairsThemStudyByStudy(@TempDir Path dir) throws Exception {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            SearchSpace lr = SearchSpace.parse("lr=1e-3:1e-1:log");
            Protocol protocol = new Protocol(1, 50, ObjectiveMetric.FINAL_VAL_LOSS, 2, "random", 5, 0, 2, List.of(),
                    "none").withStudies(2);
            assertEquals(List.of(2L, 3L), protocol.seedList(), "verdict seeds after both tuning seeds 0 and 1");
            Experiment e = new Experiment("studies", null, new DataSpec("mnist1d", null),
                    new ModelSpec("mlp", new int[] {8}), protocol, List.of(
                            new Contender("adam", OptimizerSpec.of("adam"), lr),
                            new Contender("la", OptimizerSpec.parse("lookahead(adam)"), lr)));
            ExperimentResult result = new ExperimentRunner(e, data, storage, "memory", dir, Progress.SILENT).run();
            for (ContenderResult c : result.contenders()) {
                assertEquals(2, c.studies().size(), c.name());
                assertEquals(c.study(), c.studies().get(0).study(), "study 0 is the contender's first study");
                assertEquals(c.seedRuns(), c.studies().get(0).seedRuns());
                assertFalse(c.studies().get(0).study().equals(c.studies().get(1).study()), "distinct studies");
                assertFalse(c.studies().get(0).bestParams().equals(c.studies().get(1).bestParams()),
                        "another sampler seed draws other trials");
                assertEquals(List.of(2L, 3L), c.studies().get(1).seedRuns().stream().map(SeedRun::seed).toList());
            }
            assertEquals(e.studyName(e.contenders().get(0)), e.studyName(e.contenders().get(0), 0));
            List<double[]> groups = ComparisonAnalysis.differencesByStudyForTest(result);
            assertEquals(2, groups.size(), "one group of paired differences per study");
            ReportRenderer.render(result, dir);
            String report = Files.readString(dir.resolve("report.md"));
            assertTrue(report.contains("Tuning studies: each study's best configuration"), report);
            assertTrue(report.contains("2 independent studies"), report);
        }
    }

    @Test
    void everyContenderAlsoRunsAtItsDefaultsOverTheVerdictSeeds(@TempDir Path dir) throws Exception {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            // the declared lr (0.05) is what "defaults" means for this contender; tuning searches far below it
            OptimizerSpec sgd = OptimizerSpec.of("sgd", 0.05);
            Protocol protocol = new Protocol(1, 50, ObjectiveMetric.FINAL_VAL_LOSS, 2, "random", 5, 0, 2, List.of(), "none");
            Experiment e = new Experiment("defaults", null, new DataSpec("mnist1d", null),
                    new ModelSpec("mlp", new int[] {8}), protocol,
                    List.of(new Contender("s", sgd, SearchSpace.parse("lr=1e-4:1e-3:log"))));
            ContenderResult s = new ExperimentRunner(e, data, storage, "memory", dir, Progress.SILENT).run()
                    .contenders().get(0);
            assertEquals(List.of(1L, 2L), s.defaultRuns().stream().map(SeedRun::seed).toList());
            for (SeedRun run : s.defaultRuns()) {
                // the same run trained directly at the declared hyperparameters
                var direct = new org.lookaheadlab.lab.train.FairTrainer().train(data,
                        e.run(e.contenders().get(0), Map.of(), 50, run.seed()).build(),
                        org.lookaheadlab.lab.train.TrainListener.NONE);
                assertEquals(ObjectiveMetric.FINAL_VAL_LOSS.of(direct.history()), run.objective(), 0.0);
                assertFalse(run.objective() == s.seedRuns().get((int) run.seed() - 1).objective(),
                        "defaults and the tuned best differ");
            }
            // cached like the verdict runs: a rerun of the folder reuses them
            ExperimentResult rerun = new ExperimentRunner(e, data, storage, "memory", dir, Progress.SILENT).run();
            ContenderResult again = rerun.contenders().get(0);
            assertEquals(withoutTimes(s.defaultRuns().get(0)), withoutTimes(again.defaultRuns().get(0)));
            assertEquals(s.defaultRuns().get(0).trainSeconds(), again.defaultRuns().get(0).trainSeconds(),
                    "read from the cache, not retrained");
            ReportRenderer.render(rerun, dir);
            assertTrue(Files.readString(dir.resolve("report.md")).contains("Tuned vs library defaults"));
        }
    }

    @Test
    void verdictRunsOfAnotherProtocolInTheSameFolderAreNotReused(@TempDir Path dir) {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            // one trial: the best configuration is trial 0, drawn from the same sampler seed under both
            // protocols, so only the protocol (2 epochs, then 3) tells the cached verdict runs apart
            Experiment twoEpochs = tiny(1, List.of());
            Experiment threeEpochs = twoEpochs.withProtocol(twoEpochs.protocol().withEpochs(3));
            ExperimentResult first = new ExperimentRunner(twoEpochs, data, storage, "memory", dir, Progress.SILENT)
                    .run();
            ExperimentResult second = new ExperimentRunner(threeEpochs, data, storage, "memory", dir,
                    Progress.SILENT).run();
            for (int c = 0; c < 2; c++) {
                assertEquals(first.contenders().get(c).bestParams(), second.contenders().get(c).bestParams());
                for (SeedRun r : first.contenders().get(c).seedRuns()) {
                    assertEquals(2, r.history().size());
                }
                for (SeedRun r : second.contenders().get(c).seedRuns()) {
                    assertEquals(3, r.history().size(), "a 3-epoch protocol must not reuse 2-epoch verdict runs");
                }
            }
        }
    }

    @Test
    void aStudyHoldingMoreTrialsIsJudgedOnTheProtocolsBudgetOnly(@TempDir Path dir) {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            ExperimentResult three = new ExperimentRunner(tiny(3, List.of()), data, storage, "memory", dir,
                    Progress.SILENT).run();
            // the same folder and storage, now with a budget of 2: trial 2 exists but is outside the budget
            ExperimentResult two = new ExperimentRunner(tiny(2, List.of()), data, storage, "memory", dir,
                    Progress.SILENT).run();
            for (int c = 0; c < 2; c++) {
                List<TrialRecord> all = three.contenders().get(c).trials();
                List<TrialRecord> judged = two.contenders().get(c).trials();
                assertEquals(all.subList(0, 2), judged, "only the first 2 COMPLETE trials count");
                double bestOfTwo = Math.min(all.get(0).value(), all.get(1).value());
                assertEquals(bestOfTwo, two.contenders().get(c).bestValue(), 0.0);
                assertEquals(judged.get(all.get(0).value() <= all.get(1).value() ? 0 : 1).params(),
                        two.contenders().get(c).bestParams());
            }
        }
    }

    @Test
    void aContenderThatAlwaysDivergesStopsAtTheCapAndIsReportedNotRetrained(@TempDir Path dir) throws Exception {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            OptimizerSpec adam = OptimizerSpec.of("adam", 1e-3);
            // plain SGD at a learning rate of 1e6 to 1e8 blows the loss up within the first steps
            Contender wild = new Contender("wild", OptimizerSpec.of("sgd"), SearchSpace.parse("lr=1e6:1e8:log"));
            Protocol protocol = new Protocol(1, 50, ObjectiveMetric.FINAL_VAL_LOSS, 2, "random", 1, 0, 2, List.of(), "none");
            Experiment e = new Experiment("wild", null, new DataSpec("mnist1d:num-samples=500", null), new ModelSpec("mlp", new int[] {8}),
                    protocol, List.of(new Contender("adam", adam, SearchSpace.parse("lr=1e-3:1e-2:log")), wild));
            List<String> notes = new ArrayList<>();
            Progress recording = new Progress() {
                @Override
                public void note(String message) {
                    notes.add(message);
                }
            };
            ExperimentResult result = new ExperimentRunner(e, data, storage, "memory", dir, recording).run();
            ContenderResult w = result.contenders().get(1);
            assertEquals(3 * 2 + 10, w.trials().size(), "at most 3·trials + 10 attempts, then it gives up");
            assertTrue(w.trials().stream().allMatch(t -> t.state().equals("FAIL") && t.message() != null), w.trials()
                    .toString());
            assertTrue(w.seedRuns().isEmpty(), "nothing to retrain");
            assertEquals(null, w.bestValue());
            assertEquals(16, notes.size(), "every failed attempt is shown: " + notes);
            assertTrue(notes.get(0).startsWith("wild trial 0: FAIL ("), notes.get(0));
            ComparisonAnalysis analysis = ReportRenderer.render(result, dir);
            assertTrue(analysis.verdicts().get(0).contains("no claim possible"), analysis.verdicts().get(0));
            assertTrue(Files.readString(dir.resolve("report.md")).contains("| wild | SGD |"));
        }
    }

    /** The run's metrics with the wall-clock field zeroed (everything else must match exactly). */
    private static List<EpochMetrics> withoutTimes(SeedRun run) {
        return withoutTimes(run.history());
    }

    private static List<EpochMetrics> withoutTimes(List<EpochMetrics> history) {
        return history.stream().map(m -> new EpochMetrics(m.epoch(), m.step(), m.trainLoss(), m.trainAccuracy(),
                m.validationLoss(), m.validationAccuracy(), m.testLoss(), m.testAccuracy(), 0)).toList();
    }

    @Test
    void restartRunsOnlyMissingTrialsAndReusesVerdictRuns(@TempDir Path dir) {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            ExperimentResult first = new ExperimentRunner(tiny(2, List.of()), data, storage, "memory", dir,
                    Progress.SILENT).run();
            // a restart asking for 3 trials adds exactly one trial per contender and keeps the first two
            ExperimentResult second = new ExperimentRunner(tiny(3, List.of()), data, storage, "memory", dir,
                    Progress.SILENT).run();
            for (int c = 0; c < 2; c++) {
                List<TrialRecord> before = first.contenders().get(c).trials();
                List<TrialRecord> after = second.contenders().get(c).trials();
                assertEquals(2, before.size());
                assertEquals(3, after.size());
                assertEquals(before, after.subList(0, 2), "finished trials are not re-run");
                assertEquals(List.of(0, 1, 2), after.stream().map(TrialRecord::number).toList());
            }
            // a third run with the same target trains nothing new: no new trial, verdict runs from the cache
            long t0 = System.nanoTime();
            ExperimentResult third = new ExperimentRunner(tiny(3, List.of()), data, storage, "memory", dir,
                    Progress.SILENT).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (int c = 0; c < 2; c++) {
                assertEquals(second.contenders().get(c).trials(), third.contenders().get(c).trials());
                assertEquals(second.contenders().get(c).seedRuns(), third.contenders().get(c).seedRuns());
            }
            assertTrue(seconds < 5, "third run should train nothing, took " + seconds + " s");
            assertTrue(Files.isDirectory(dir.resolve("verdict-runs")));
            Map<String, Double> best = third.contenders().get(0).bestParams();
            assertTrue(best.containsKey("lr"));
        }
    }
}
