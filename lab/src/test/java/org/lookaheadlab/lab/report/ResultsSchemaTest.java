package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.data.Mnist1dConfig;
import org.lookaheadlab.lab.data.Mnist1dGenerator;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ExperimentRunner;
import org.lookaheadlab.lab.experiment.Progress;
import org.lookaheadlab.lab.experiment.Protocol;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.RunEnvironment;
import org.lookaheadlab.lab.experiment.SearchSpace;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.EngineThreads;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.tune.storage.InMemoryStorage;

/**
 * Every results.json the lab writes validates against {@code results.schema.json} ({@link JsonSchemaSubset}):
 * synthetic results of every shape the report handles (written by {@link ReportRenderer#writeResults}, what
 * {@code compare} and {@link ReportRenderer#render} write it with), an older file that {@code report DIR}
 * completes, and a tiny real comparison.
 */
class ResultsSchemaTest {

    private static final double[] BASE = {0.50, 0.52, 0.49, 0.51, 0.53};
    private static final double[] BETTER = {0.40, 0.43, 0.41, 0.40, 0.44};

    static JsonSchemaSubset schema() throws Exception {
        try (InputStream in = ResultsJson.class.getResourceAsStream(ResultsJson.SCHEMA_RESOURCE)) {
            assertNotNull(in, "the schema is a resource of the lab: " + ResultsJson.SCHEMA_RESOURCE);
            return new JsonSchemaSubset(ResultsJson.mapper().readTree(in));
        }
    }

    /** Asserts that {@code dir/results.json} validates and returns its tree. */
    static JsonNode assertValid(Path dir) throws Exception {
        JsonNode tree = ResultsJson.mapper().readTree(dir.resolve(ResultsJson.FILE_NAME).toFile());
        List<String> errors = schema().validate(tree);
        assertEquals(List.of(), errors, dir.toString());
        return tree;
    }

    private static List<ExperimentResult> syntheticShapes() {
        List<ExperimentResult> shapes = new ArrayList<>();
        ExperimentResult two = SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of());
        shapes.add(two);
        shapes.add(SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of(10, 20))); // a sweep
        shapes.add(SyntheticResults.presetSized(20, 5, 5));
        shapes.add(SyntheticResults.twoContenders("tla", "TLA", new double[] {0.5}, new double[] {0.1}, List.of()));
        shapes.add(new ExperimentResult(two.setup(), List.of(two.baseline(), two.contenders().get(1),
                SyntheticResults.contender("y", "Y", BASE, List.of())), two.startedAt(), two.wallSeconds()));
        // a contender whose trials all failed and that has no verdict run, and one whose runs diverged
        ContenderResult other = two.contenders().get(1);
        ContenderResult nothing = new ContenderResult("none", "None", "demo/none", other.search(),
                List.of(other.trials().get(2)), null, null, List.of(), List.of());
        List<SeedRun> diverged = other.seedRuns().stream().map(r -> new SeedRun(r.seed(), r.batchSize(), "DIVERGED",
                "diverged at epoch 1 step 2 (loss NaN)", Double.NaN, r.history().subList(0, 1), 0.1)).toList();
        ContenderResult broken = new ContenderResult("broken", "Broken", other.study(), other.search(),
                other.trials(), other.bestParams(), other.bestValue(), diverged, List.of());
        shapes.add(new ExperimentResult(two.setup(), List.of(two.baseline(), nothing, broken), two.startedAt(),
                two.wallSeconds(), new RunEnvironment(2, null, null, "Linux", "17", null, null, null)));
        shapes.add(new ExperimentResult(two.setup(), List.of(two.baseline()), two.startedAt(), two.wallSeconds()));
        return shapes;
    }

    @Test
    void everySyntheticResultsFileValidates(@TempDir Path dir) throws Exception {
        List<ExperimentResult> shapes = syntheticShapes();
        for (int i = 0; i < shapes.size(); i++) {
            Path run = dir.resolve("shape" + i);
            ComparisonAnalysis analysis = ReportRenderer.writeResults(shapes.get(i), run);
            JsonNode verdict = assertValid(run).get(ResultsJson.VERDICT);
            assertEquals(analysis.contenders().size(), verdict.get("contenders").size());
            assertEquals(analysis.verdicts().size(), verdict.get("comparisons").size());
        }
    }

    @Test
    void theVerdictHoldsTheFiguresOfTheReport(@TempDir Path dir) throws Exception {
        ComparisonAnalysis analysis = ReportRenderer.writeResults(
                SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of(10, 20)), dir);
        JsonNode verdict = assertValid(dir).get(ResultsJson.VERDICT);
        ContenderStats tla = analysis.contenders().get(1);
        JsonNode c = verdict.get("comparisons").get(0);
        assertEquals(tla.objectiveVsBaseline().pValue(), c.get("objective").get("pValue").asDouble(), 0.0);
        assertEquals(tla.adjustedP(), c.get("pValueHolm").asDouble(), 0.0);
        assertEquals(tla.objectiveVerdict().bootstrap().lower(), c.get("bootstrap").get("lower").asDouble(), 0.0);
        assertEquals(tla.objectiveVerdict().effectSize(), c.get("effectSizeDz").asDouble(), 0.0);
        assertEquals(tla.objectiveVerdict().detectableDifference(), c.get("detectable").get("difference").asDouble(),
                0.0);
        assertEquals(analysis.verdicts().get(0), c.get("sentence").asText());
        assertTrue(c.get("claimed").asBoolean());
        assertEquals("tla", c.get("better").asText());
        JsonNode adam = verdict.get("contenders").get(0);
        ContenderStats base = analysis.contenders().get(0);
        assertEquals(base.objective().mean(), adam.get("objective").get("mean").asDouble(), 0.0);
        assertEquals(base.budget().expected().size(), adam.get("budgetCurve").get("expectedBest").size());
        assertEquals(analysis.budgetSentence(), verdict.get("budget").get("sentence").asText());
        assertEquals(4, verdict.get("sweep").size(), "2 batch sizes x 2 contenders");
        assertTrue(verdict.get("sweep").get(0).get("testLossVsBaseline").isNull(), "the baseline's own row");
        // a test that cannot run is null, never "NaN"
        ReportRenderer.writeResults(SyntheticResults.twoContenders("tla", "TLA", new double[] {0.5},
                new double[] {0.1}, List.of()), dir.resolve("one"));
        JsonNode one = assertValid(dir.resolve("one")).get(ResultsJson.VERDICT).get("comparisons").get(0);
        assertTrue(one.get("objective").get("pValue").isNull() && one.get("pValueHolm").isNull(), one.toString());
        assertTrue(one.get("bootstrap").isNull() && one.get("detectable").get("difference").isNull(), one.toString());
    }

    /** A file from before verdicts were recorded: {@code report DIR} adds one and keeps everything else. */
    @Test
    void reportDirCompletesAnOlderFileAndKeepsItsOtherFields(@TempDir Path dir) throws Exception {
        ReportRenderer.render(SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of()), dir);
        Path json = dir.resolve(ResultsJson.FILE_NAME);
        ObjectNode old = (ObjectNode) ResultsJson.mapper().readTree(json.toFile());
        JsonNode written = old.get(ResultsJson.VERDICT);
        old.remove(List.of(ResultsJson.VERDICT, "environment"));
        old.put("fieldOfANewerVersion", "kept");
        ResultsJson.mapper().writeValue(json.toFile(), old);
        assertEquals(1, schema().validate(old).size(), "without a verdict the file does not validate");

        ReportRenderer.rerender(dir);
        JsonNode now = assertValid(dir);
        assertEquals(written, now.get(ResultsJson.VERDICT), "the same verdict again");
        assertEquals("kept", now.get("fieldOfANewerVersion").asText());
        long modified = Files.getLastModifiedTime(json).toMillis();
        Thread.sleep(20);
        ReportRenderer.rerender(dir);
        assertEquals(modified, Files.getLastModifiedTime(json).toMillis(), "an unchanged verdict is not rewritten");
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids(@TempDir Path dir) throws Exception {
        ReportRenderer.writeResults(SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of()), dir);
        ObjectNode tree = (ObjectNode) assertValid(dir);
        ((ObjectNode) tree.get("setup")).put("epochs", "three");
        ((ObjectNode) tree.get("contenders").get(0).get("seedRuns").get(0)).put("status", "EXPLODED");
        ((ObjectNode) tree.get(ResultsJson.VERDICT).get("comparisons").get(0)).remove("claimed");
        ((ObjectNode) tree.get(ResultsJson.VERDICT).get("comparisons").get(0).get("objective")).put("pValue", "NaN");
        List<String> errors = schema().validate(tree);
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("/setup/epochs: string is not of type"), errors.toString());
        JsonSchemaSubset unknown = new JsonSchemaSubset(ResultsJson.mapper().readTree("{\"pattern\": \"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> unknown.validate(tree));
    }

    /** A tiny real comparison (1 epoch, 2 trials, 2 seeds): its results.json validates and records the machine. */
    @Test
    void aTinyRealComparisonValidates(@TempDir Path dir) throws Exception {
        EngineThreads.set(1);
        OptimizerSpec adam = OptimizerSpec.of("adam", 1e-3);
        SearchSpace lr = SearchSpace.parse("lr=1e-3:1e-1:log");
        Protocol protocol = new Protocol(1, 50, ObjectiveMetric.FINAL_VAL_LOSS, 2, "tpe", 3, 0, 2, List.of(), "none");
        Experiment e = new Experiment("schema", null, new DataSpec("mnist1d:num-samples=300", null),
                new ModelSpec("mlp", new int[] {8}), protocol, List.of(new Contender("adam", adam, lr),
                        new Contender("la", OptimizerSpec.parse("lookahead(adam,k=5,alpha=0.5)"), lr)));
        ExperimentResult result;
        try (InMemoryStorage storage = new InMemoryStorage()) {
            result = new ExperimentRunner(e, Mnist1dGenerator.generate(Mnist1dConfig.builder().numSamples(300).build())
                    .toSplits(), storage, "memory", dir, Progress.SILENT).run();
        }
        ReportRenderer.render(result, dir);
        JsonNode env = assertValid(dir).get("environment");
        assertEquals(Runtime.getRuntime().availableProcessors(), env.get("cpuCores").asInt());
        assertEquals("0.36.0", env.get("djl").asText());
        assertTrue(env.get("pytorch").asText().startsWith("2.7.1"), env.toString());
        assertEquals(1, env.get("engineThreads").asInt());
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| hardware | " + env.get("cpuCores").asInt() + " cores, "), md);
        assertTrue(md.contains("DJL 0.36.0, PyTorch 2.7.1"), md);
        assertEquals(result, ResultsJson.read(dir), "the environment survives the JSON");
    }
}
