package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.SeedRun;

/**
 * A small end-to-end comparison with the reviewer's protocol (issue 11): held-out validation, 2 tuning studies,
 * 2 verdict seeds, 2 epochs, evaluation every 20 steps and a given target; every new output is written with sane
 * content, and {@code report DIR} renders it again.
 */
class CompareVerdictProtocolTest {

    @Test
    void studiesDefaultsTimeToTargetAndFinerEvaluationReachEveryOutput(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("protocol");
        CliRun o = CliRun.run("compare", "--contender", "adam=adam", "--contender",
                "ema=ema(adam,decay=0.9)", "--eval-weights", "--data", "mnist1d:num-samples=500", "--trials", "2",
                "--studies", "2", "--seeds", "2", "--epochs", "2", "--eval-every", "2", "--target", "2.0",
                "--out", runDir.toString(), "--quiet");
        assertEquals(0, o.code(), o.errText());
        ExperimentResult r = ResultsJson.read(runDir);
        assertTrue(r.setup().validation().startsWith("held out"), r.setup().validation());
        assertEquals(2.0, r.setup().target());
        for (ContenderResult c : r.contenders()) {
            assertEquals(2, c.studies().size(), c.name());
            assertEquals(2, c.defaultRuns().size(), c.name());
            for (SeedRun run : c.seedRuns()) {
                // 400 training rows at batch 100: 4 steps per epoch, evaluated at steps 2, 4, 6, 8
                assertEquals(List.of(2L, 4L, 6L, 8L), run.history().stream().map(m -> m.step()).toList());
            }
        }
        assertTrue(r.contenders().get(1).label().contains("evaluated on its evaluation weights"));
        String report = Files.readString(runDir.resolve("report.md"));
        for (String part : List.of("Tuning studies: each study's best configuration", "Tuned vs library defaults",
                "Time to target: first evaluation with validation loss ≤ 2.000 (--target)", "2 independent studies",
                "Reporting checklist")) {
            assertTrue(report.contains(part), part + " in\n" + report);
        }
        assertTrue(Files.list(runDir.resolve("plots")).anyMatch(p -> p.getFileName().toString()
                .startsWith("time-to-target")), "the time-to-target plot");

        Files.delete(runDir.resolve("report.md"));
        CliRun again = CliRun.run("report", runDir.toString());
        assertEquals(0, again.code(), again.errText());
        assertEquals(report, Files.readString(runDir.resolve("report.md")), "report DIR renders the same report");
    }
}
