package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lookaheadlab.lab.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentRunner;
import org.lookaheadlab.lab.experiment.Protocol;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.SearchParam;
import org.lookaheadlab.lab.experiment.SearchSpace;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.suite.PerformanceProfile;
import org.lookaheadlab.lab.suite.SuiteSummary;
import org.lookaheadlab.lab.suite.Suites;
import org.lookaheadlab.lab.suite.Workload;
import org.lookaheadlab.lab.suite.WorkloadOutcome;
import org.lookaheadlab.lab.train.EpochMetrics;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * {@code compare --suite}: the same contenders on several workloads through the one comparison path, a failing
 * workload reported while the others go on, every run diverging reported as a failure, the profile computed from the
 * verdict runs' histories.
 */
class SuiteRunTest {

    private static final Protocol TINY = new Protocol(2, 50, ObjectiveMetric.FINAL_VAL_LOSS, 2, "tpe", 0, 0, 3,
            List.of(), "none").withEvalEvery(2);

    private static final Workload MLP = new Workload("tiny-mlp", "400 mnist1d samples, mlp",
            new DataSpec("mnist1d:num-samples=400", 0.2), ModelSpec.of("mlp"), TINY);
    private static final Workload BROKEN = new Workload("broken", "resnet18 on 1-D samples",
            new DataSpec("mnist1d:num-samples=400", 0.2), ModelSpec.of("resnet18"), TINY);
    private static final Workload NQM = new Workload("tiny-nqm", "nqm, dim 5", new DataSpec(
            "nqm:dim=5,train=400,test=100", 0.2), ModelSpec.of("nqm"), TINY);

    private static SuiteSummary suite(List<Workload> workloads, List<Contender> contenders, Path dir) {
        StringWriter out = new StringWriter();
        return SuiteRun.run("test", workloads, contenders, UnaryOperator.identity(), dir, new EngineThreadsOption(),
                new JobsOption(), new BatchRunsOption(), ExperimentRunner.DEFAULT_RERUN_KILLED, true,
                new PrintWriter(out, true));
    }

    /** The median over completed runs of the first evaluated step at or below the target, +∞ for a miss. */
    private static double stepsToTarget(ContenderResult c, double target) {
        double[] t = c.seedRuns().stream().filter(SeedRun::completed).mapToDouble(r -> r.history().stream()
                .filter(m -> m.validationLoss() <= target).mapToDouble(EpochMetrics::step).findFirst()
                .orElse(Double.POSITIVE_INFINITY)).sorted().toArray();
        return t[t.length / 2]; // three verdict seeds
    }

    @Test
    void aFailingWorkloadIsReportedAndTheOthersGetVerdictsAndAProfile(@TempDir Path dir) throws Exception {
        SuiteSummary s = suite(List.of(MLP, BROKEN, NQM), Suites.defaultContenders(), dir);
        List<WorkloadOutcome> o = s.outcomes();
        assertTrue(o.get(0).ok(), o.get(0).failure());
        assertTrue(o.get(1).failure().contains("resnet18"), o.get(1).failure());
        assertTrue(o.get(2).ok(), o.get(2).failure());
        assertTrue(Files.isRegularFile(dir.resolve("tiny-mlp/report.html")));
        assertTrue(Files.isRegularFile(dir.resolve("tiny-nqm/results.json")));

        PerformanceProfile steps = s.profile(false);
        assertEquals(List.of("tiny-mlp", "tiny-nqm"), steps.workloads());
        for (int w = 0; w < 2; w++) {
            WorkloadOutcome outcome = o.get(w == 0 ? 0 : 2);
            double target = outcome.target().getAsDouble();
            // the target is the largest median final validation loss over the contenders
            double worst = outcome.result().contenders().stream().mapToDouble(c -> {
                double[] f = c.seedRuns().stream().filter(SeedRun::completed)
                        .mapToDouble(r -> r.history().get(r.history().size() - 1).validationLoss()).sorted().toArray();
                return f[f.length / 2];
            }).max().orElseThrow();
            assertEquals(worst, target, 0);
            double[] t = outcome.result().contenders().stream().mapToDouble(c -> stepsToTarget(c, target)).toArray();
            double best = Arrays.stream(t).min().orElseThrow();
            assertTrue(Double.isFinite(best), "with 3 seeds every contender's median run reaches the target");
            for (int c = 0; c < t.length; c++) {
                assertEquals(t[c] / best, steps.ratio(w, c), 1e-12);
            }
        }
        JsonNode json = ResultsJson.mapper().readTree(dir.resolve("results.json").toFile());
        assertEquals("failed", json.get("workloads").get(1).get("status").asText());
        assertEquals("ok", json.get("workloads").get(2).get("status").asText());
        assertEquals(2, json.get("performanceProfiles").get("steps").get("ratios").size());
        assertTrue(Files.size(dir.resolve("profile-steps.png")) > 5_000);
        List<String> lines = s.lines();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("broken: FAILED: ")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Performance profile rho(tau) over 2 workloads (steps")));

        // ./lookahead report DIR renders a suite folder again from the workloads' results: the same summary
        Files.delete(dir.resolve("profile-steps.png"));
        Files.delete(dir.resolve("tiny-mlp/report.html"));
        Files.delete(dir.resolve("results.json"));
        Files.writeString(dir.resolve("results.json"), json.toString());
        CliRun again = run("report", dir.toString());
        assertEquals(0, again.code(), again.errText());
        assertEquals(lines, again.out().subList(2, 2 + lines.size()), "the summary recomputed from the workloads");
        assertEquals(json, ResultsJson.mapper().readTree(dir.resolve("results.json").toFile()));
        assertTrue(Files.isRegularFile(dir.resolve("tiny-mlp/report.html")));
        assertTrue(Files.size(dir.resolve("profile-steps.png")) > 5_000);
    }

    @Test
    void aWorkloadOnWhichEveryRunDivergedIsAFailure(@TempDir Path dir) {
        SearchSpace huge = SearchSpace.of(new SearchParam("lr", 1e6, 1e7, true));
        List<Contender> diverging = List.of(new Contender("sgd", OptimizerSpec.of("sgd"), huge),
                new Contender("lookahead-sgd", OptimizerSpec.parse("lookahead(sgd)"), huge));
        SuiteSummary s = suite(List.of(MLP), diverging, dir);
        String failure = s.outcomes().get(0).failure();
        assertNotNull(failure);
        assertTrue(failure.startsWith("no contender completed a verdict run"), failure);
        assertTrue(s.profile(false).workloads().isEmpty());
        assertFalse(Files.exists(dir.resolve("profile-steps.png")), "no profile without a workload");
    }

    @Test
    void suiteFlagsAreCheckedBeforeAnythingRuns(@TempDir Path dir) {
        CliRun bad = run("compare", "--suite", "mlp,transformer", "--out", dir.toString());
        assertEquals(2, bad.code());
        assertEquals(List.of("lookahead compare: error: --suite names 'transformer', accepted: a suite (small) or "
                + "workloads NAME,NAME... of mlp, cnn, gru, nqm"), bad.err());
        CliRun model = run("compare", "--suite", "small", "--model", "cnn", "--out", dir.toString());
        assertEquals(2, model.code());
        assertTrue(model.err().get(0).startsWith("lookahead compare: error: --model cannot be combined with --suite"),
                model.err().get(0));
        CliRun show = run("compare", "--suite", "small", "--trials", "3", "--show");
        assertEquals(0, show.code(), String.join("\n", show.err()));
        assertEquals(4, show.out().stream().filter(l -> l.startsWith("== workload ")).count());
        assertFalse(Files.exists(dir.resolve("results.json")));
    }
}
