package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.lab.experiment.Presets;
import org.lookaheadlab.lab.experiment.SearchSpace;

/**
 * What a preset contains is discoverable from the CLI: {@code compare --preset NAME --show}, {@code presets}, and
 * the preset defaults in {@code compare --help}.
 */
class CompareShowTest {

    @Test
    void showPrintsThePresetAndExitsWithoutRunning(@TempDir Path dir) {
        Path runDir = dir.resolve("never");
        CliRun r = CliRun.run("compare", "--preset", "trajectory-lookahead", "--show", "--out", runDir.toString());
        assertEquals(0, r.code(), String.join("\n", r.err()));
        assertEquals(List.of(
                "comparison: trajectory-lookahead (preset trajectory-lookahead)",
                "data: mnist1d:num-samples=12500|val-split=0.2",
                "model: mlp (hidden 100)",
                "protocol: epochs=5 batch-size=100 objective=final-val-loss trials=20 seeds=5 sampler=tpe "
                        + "sampler-seed=0 pruner=none tune-batch=10",
                "seeds: tuning trials start from seed 0; verdict seeds 1..5",
                "lr schedule: none",
                "contenders (the first is the baseline): NAME = SPEC, search SPACE",
                "  adam = adam, search lr=1.0E-5:0.1:log",
                "  trajectory-lookahead = trajectory-lookahead(adam), search lr=1.0E-5:0.1:log",
                "evaluated on their evaluation weights (slow weights, averages, schedule-free x): none (every "
                        + "contender on its training weights)"),
                r.out());
        assertEquals(List.of(), r.err());
        assertFalse(Files.exists(runDir), "--show runs nothing");
    }

    @Test
    void showAppliesTheOverrides() {
        CliRun r = CliRun.run("compare", "--preset", "weight-trajectory-lr", "--epochs", "3", "--trials", "7",
                "--seeds", "2", "--batch-sizes", "32,64", "--sampler", "random", "--show");
        assertEquals(0, r.code(), String.join("\n", r.err()));
        assertEquals("protocol: epochs=3 batch-size=100 batch-sizes=32,64 objective=min-val-loss trials=7 seeds=2 "
                + "sampler=random sampler-seed=0 pruner=none tune-batch=10", r.out().get(3));
        assertEquals("seeds: tuning trials start from seed 0; verdict seeds 1..2", r.out().get(4));
        CliRun bad = CliRun.run("compare", "--preset", "weight-trajectory-lr", "--trials", "0", "--show");
        assertEquals(List.of("lookahead compare: error: trials is 0, accepted range: >= 1"), bad.err());
        assertEquals(2, bad.code());
    }

    /** The round width: 10 for the MLPs, 1 for the cnn (slower batched) and with the median pruner, or as given. */
    @Test
    void theTuningRoundDependsOnTheModelThePrunerAndTheFlags() {
        assertEquals("tune-batch=10", tuneBatch("--preset", "trajectory-lookahead"));
        assertEquals("tune-batch=1", tuneBatch("--preset", "lookahead-paper"), "cnn: measured slower batched");
        assertEquals("tune-batch=4", tuneBatch("--preset", "lookahead-paper", "--tune-batch", "4"), "as asked");
        assertEquals("tune-batch=5", tuneBatch("--preset", "trajectory-lookahead", "--batch-runs", "5"), "capped");
        assertEquals("tune-batch=1", tuneBatch("--preset", "trajectory-lookahead", "--pruner", "median"));
        assertEquals("tune-batch=1", tuneBatch("--preset", "trajectory-lookahead", "--model", "gru"), "no batched form");
        CliRun bad = CliRun.run("compare", "--preset", "trajectory-lookahead", "--pruner", "median", "--tune-batch",
                "3", "--show");
        assertEquals(2, bad.code());
        assertEquals(List.of("lookahead compare: error: --tune-batch is 3 with --pruner median, accepted: "
                + "--tune-batch 1 with --pruner median (a round of batched trials trains every trial to its end, "
                + "nothing to prune), or --pruner none"), bad.err());
        CliRun zero = CliRun.run("compare", "--preset", "trajectory-lookahead", "--tune-batch", "0", "--show");
        assertEquals(List.of("lookahead compare: error: --tune-batch is 0, accepted range: >= 1 (1: one trial at a "
                + "time)"), zero.err());
    }

    private static String tuneBatch(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("compare"));
        command.addAll(List.of(args));
        command.add("--show");
        CliRun r = CliRun.run(command.toArray(String[]::new));
        assertEquals(0, r.code(), String.join("\n", r.err()));
        String protocol = r.out().stream().filter(l -> l.startsWith("protocol: ")).findFirst().orElseThrow();
        return protocol.substring(protocol.lastIndexOf(' ') + 1);
    }

    @Test
    void everyPresetsContenderLineReadsBackAsItsSpecAndSearchSpace() {
        for (String name : Presets.NAMES) {
            CliRun r = CliRun.run("compare", "--preset", name, "--show");
            assertEquals(0, r.code(), String.join("\n", r.err()));
            List<String> lines = r.out().stream().filter(l -> l.startsWith("  ")).toList();
            List<Contender> contenders = Presets.get(name).contenders();
            assertEquals(contenders.size(), lines.size(), r.out().toString());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                int eq = line.indexOf(" = ");
                int search = line.lastIndexOf(", search ");
                Contender c = contenders.get(i);
                assertEquals(c.name(), line.substring(0, eq));
                assertEquals(c.optimizer(), OptimizerSpec.parse(line.substring(eq + 3, search)), line);
                assertEquals(c.search(), SearchSpace.parse(line.substring(search + ", search ".length())), line);
            }
        }
    }

    @Test
    void presetsListsEveryPresetAndWhereToSeeMore() {
        CliRun r = CliRun.run("presets");
        assertEquals(0, r.code(), String.join("\n", r.err()));
        assertEquals(Presets.NAMES.size() + 1, r.out().size(), r.out().toString());
        for (int i = 0; i < Presets.NAMES.size(); i++) {
            assertTrue(r.out().get(i).startsWith(Presets.NAMES.get(i) + " "), r.out().get(i));
        }
        Experiment paper = Presets.get("lookahead-paper");
        assertTrue(r.out().get(2).endsWith(" on mnist1d|val-split=0.2, cnn; 10 epochs, 20 trials, 5 seeds, final-val-loss"),
                r.out().get(2));
        assertTrue(r.out().get(2).contains(paper.contenders().get(0).name() + " vs "), r.out().get(2));
        assertEquals("details: ./lookahead compare --preset NAME --show", r.out().get(Presets.NAMES.size()));
    }

    @Test
    void compareHelpStatesThePresetDefaultsAndWhereToListPresets() {
        CliRun r = CliRun.run("compare", "--help");
        assertEquals(0, r.code());
        String help = String.join(" ", r.out()).replaceAll("\\s+", " ");
        for (String expected : List.of(
                "--trials=N COMPLETE tuning trials per contender (default: the preset's: trajectory-lookahead 20, "
                        + "weight-trajectory-lr 30, lookahead-paper 20, averaging 20; 20 with --contender only)",
                "--epochs=N epochs per training run (default: the preset's: trajectory-lookahead 5, "
                        + "weight-trajectory-lr 20, lookahead-paper 10, averaging 5; 5 with --contender only)",
                "--seeds=N verdict seeds (default: the preset's: trajectory-lookahead 5, weight-trajectory-lr 5, "
                        + "lookahead-paper 5, averaging 5; 5 with --contender only)",
                "--preset=NAME trajectory-lookahead, weight-trajectory-lr, lookahead-paper, averaging (listed by ./lookahead "
                        + "presets; add --show to see one)",
                "./lookahead presets lists the presets; --preset NAME --show prints what one contains",
                "--show print what would run")) {
            assertTrue(help.contains(expected), expected + "\nnot in\n" + help);
        }
    }
}
