package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.report.ComparisonAnalysis;
import org.lookaheadlab.lab.train.EpochMetrics;

/**
 * {@code compare --jobs 1} and {@code --jobs 2} (2 contenders: one study each, side by side, one trial at a time)
 * write the same results.json numbers: trials, best configurations, verdict runs, default runs and verdict.
 */
class CompareJobsTest {

    private static String[] args(Path out, int jobs) {
        return new String[] {"compare", "--preset", "trajectory-lookahead", "--data", "mnist1d:num-samples=600",
            "--trials", "4", "--epochs", "2", "--seeds", "2", "--quiet", "--jobs", String.valueOf(jobs),
            "--out", out.toString()};
    }

    @Test
    void oneJobAndTwoJobsGiveTheSameResults(@TempDir Path dir) throws Exception {
        CliRun one = CliRun.run(args(dir.resolve("one"), 1));
        assertEquals(0, one.code(), one.errText());
        CliRun two = CliRun.run(args(dir.resolve("two"), 2));
        assertEquals(0, two.code(), two.errText());
        ExperimentResult a = ResultsJson.read(dir.resolve("one"));
        ExperimentResult b = ResultsJson.read(dir.resolve("two"));
        assertEquals(2, a.contenders().size());
        for (int i = 0; i < a.contenders().size(); i++) {
            ContenderResult x = a.contenders().get(i);
            ContenderResult y = b.contenders().get(i);
            assertEquals(x.trials(), y.trials(), x.name());
            assertEquals(x.bestParams(), y.bestParams(), x.name());
            assertEquals(outcomes(x.seedRuns()), outcomes(y.seedRuns()), x.name() + " verdict runs");
            assertEquals(outcomes(x.defaultRuns()), outcomes(y.defaultRuns()), x.name() + " default runs");
            assertEquals(2, x.seedRuns().size());
        }
        assertNotEquals(outcomes(a.contenders().get(0).seedRuns()), outcomes(a.contenders().get(1).seedRuns()),
                "two different optimizers give different runs (the comparison above can fail)");
        assertEquals(ComparisonAnalysis.of(a).verdicts(), ComparisonAnalysis.of(b).verdicts());
    }

    /** What a run computed, its timings aside. */
    static List<String> outcomes(List<SeedRun> runs) {
        return runs.stream().map(r -> r.seed() + " " + r.batchSize() + " " + r.status() + " " + r.objective() + " "
                + r.history().stream().map(m -> new EpochMetrics(m.epoch(), m.step(), m.trainLoss(),
                        m.trainAccuracy(), m.validationLoss(), m.validationAccuracy(), m.testLoss(), m.testAccuracy(),
                        0)).toList()).toList();
    }
}
