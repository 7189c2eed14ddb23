package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.Presets;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.SearchSpace;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import picocli.CommandLine;

/** {@code compare} with {@code --contender}, {@code --search}, {@code --model} and {@code --objective}. */
class CompareCustomContendersTest {

    private static Experiment configure(String... args) {
        CompareCommand command = new CompareCommand();
        new CommandLine(command).parseArgs(args);
        return command.configure();
    }

    @Test
    void contendersWithoutPresetUseTheCustomDefaults() {
        Experiment e = configure("--contender", "adam=adam", "--contender", "w=wtlr(adam)", "--search",
                "adam:lr=1e-4:1e-2:log");
        assertNull(e.preset());
        assertEquals("mnist1d|val-split=0.2", e.data().label());
        assertEquals(ModelSpec.of("mlp"), e.model());
        assertEquals(List.of(5, 100, 20, 5), List.of(e.protocol().epochs(), e.protocol().batchSize(),
                e.protocol().trials(), e.protocol().seeds()));
        assertEquals(ObjectiveMetric.FINAL_VAL_LOSS, e.protocol().objective());
        assertEquals(List.of(new Contender("adam", OptimizerSpec.of("adam", 1e-3), SearchSpace.parse("lr=1e-4:1e-2:log")),
                new Contender("w", OptimizerSpec.parse("wtlr(adam)"),
                        SearchSpace.parse("lr=1e-5:1e-1:log,beta=0:1"))), e.contenders());
    }

    @Test
    void contendersReplaceThePresetsAndModelObjectiveOverride() {
        Experiment e = configure("--preset", "lookahead-paper", "--contender", "r=ranger", "--model", "mlp:32,16",
                "--objective", "min-val-loss");
        Experiment preset = Presets.get("lookahead-paper");
        assertEquals("lookahead-paper", e.preset());
        assertEquals(preset.protocol().epochs(), e.protocol().epochs(), "the rest stays the preset's");
        assertEquals(List.of("r"), e.contenders().stream().map(Contender::name).toList());
        assertEquals(new ModelSpec("mlp", new int[] {32, 16}), e.model());
        assertEquals(ObjectiveMetric.MIN_VAL_LOSS, e.protocol().objective());
        assertEquals(ModelSpec.of("cnn"), configure("--preset", "trajectory-lookahead", "--model", "cnn").model());
    }

    @Test
    void badFlagsAreOneLineAndLeaveNoRunFolder(@TempDir Path dir) {
        Path runDir = dir.resolve("never");
        String[] base = {"compare", "--out", runDir.toString(), "--quiet"};
        assertOneLineError(CliRun.run(base), "no comparison given, accepted: --preset NAME and/or --contender NAME=SPEC");
        assertOneLineError(CliRun.run(concat(base, "--contender", "a=lookahead(adam")),
                "contender 'a': optimizer spec 'lookahead(adam' at position 15: expected ',' or ')'");
        assertOneLineError(CliRun.run(concat(base, "--contender", "a=adamx")), "unknown optimizer 'adamx'; accepted: sgd, adam");
        assertOneLineError(CliRun.run(concat(base, "--contender", "adam")), "contender 'adam' has no NAME=");
        assertOneLineError(CliRun.run(concat(base, "--contender", "a=adam", "--search", "b:lr=1:2")),
                "search 'b:lr=1:2' names no contender, accepted names: a");
        assertOneLineError(CliRun.run(concat(base, "--contender", "a=adam", "--search", "a:lr=1:x")),
                "search of contender 'a': search entry 'lr=1:x' has a bound that is not a number");
        assertOneLineError(CliRun.run(concat(base, "--preset", "trajectory-lookahead", "--search", "adam:lr=1:2")),
                "--search needs --contender flags");
        assertOneLineError(CliRun.run(concat(base, "--contender", "a=adam", "--model", "mlp2")),
                "model 'mlp2' is unknown, accepted:");
        assertOneLineError(CliRun.run(concat(base, "--contender", "a=adam", "--objective", "accuracy")),
                "unknown objective 'accuracy', accepted: final-val-loss, min-val-loss");
        assertFalse(Files.exists(runDir), "a refused compare must not leave a run folder behind");
    }

    @Test
    void helpNamesTheNewFlags() {
        CliRun r = CliRun.run("compare", "--help");
        assertEquals(0, r.code());
        String help = String.join("\n", r.out());
        for (String flag : List.of("--contender=NAME=SPEC", "--search=NAME:SPACE", "--model=NAME", "--objective=NAME",
                "trajectory-lookahead(SPEC,k=5,m=3,alpha=1)", "--contender la='lookahead(adam,k=5,alpha=0.5)'")) {
            assertTrue(help.contains(flag), flag + " in:\n" + help);
        }
    }

    @Test
    void tinyCustomComparisonReportsBothContenders(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("custom");
        CliRun o = CliRun.run("compare", "--contender", "adam=adam", "--contender",
                "la=lookahead(adam,k=5,alpha=0.5)", "--data", "mnist1d:num-samples=1000", "--trials", "3", "--epochs",
                "1", "--seeds", "2", "--out", runDir.toString(), "--quiet");
        assertEquals(0, o.code(), o.errText());
        ExperimentResult r = ResultsJson.read(runDir);
        assertEquals(List.of("adam", "la"), r.contenders().stream().map(c -> c.name()).toList());
        assertEquals(3, r.contenders().get(1).trials().size());
        String report = Files.readString(runDir.resolve("report.md"));
        assertTrue(report.contains("Lookahead(Adam)"), report);
        assertTrue(report.contains("| adam"), report);
        assertTrue(report.contains("| la"), report);
    }


    private static void assertOneLineError(CliRun o, String expected) {
        assertEquals(2, o.code(), o.errText());
        assertEquals(1, o.err().size(), o.errText());
        assertTrue(o.errText().contains(expected), o.errText());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
