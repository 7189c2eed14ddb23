package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --lr-schedule ...} and {@code --lr}: the flags, their one-line errors and the help text. */
class TrainScheduleFlagsTest {

    private static final String SMALL = "mnist1d:num-samples=400";

    private static CliRun train(String... flags) {
        List<String> args = new ArrayList<>(List.of("train", "--data", SMALL, "--model", "mlp:8", "--quiet"));
        args.addAll(Arrays.asList(flags));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static void assertOneErrorLine(String expected, String... flags) {
        CliRun r = train(flags);
        assertEquals(2, r.code(), "exit code of " + String.join(" ", flags) + ": " + r.err());
        assertEquals(List.of("lookahead train: error: " + expected), r.err());
        assertEquals(List.of(), r.out());
    }

    @Test
    void lrIsRequiredByTrain() {
        assertOneErrorLine("--lr is missing, accepted: --lr F with F > 0", "--steps", "2");
    }

    @Test
    void badScheduleFlagsGiveOneClearErrorLine() {
        assertOneErrorLine("--lr-schedule is 'linear', accepted: none, step, cosine, warmup-cosine",
                "--lr", "0.01", "--lr-schedule", "linear");
        assertOneErrorLine("--lr-step-size is missing, accepted: --lr-step-size N (an integer in [1, ∞)) with --lr-schedule step",
                "--lr", "0.01", "--lr-schedule", "step");
        assertOneErrorLine("--lr-warmup-steps is missing, accepted: --lr-warmup-steps N (an integer in [1, ∞) and < totalSteps) with --lr-schedule "
                + "warmup-cosine", "--lr", "0.01", "--lr-schedule", "warmup-cosine");
        assertOneErrorLine("--lr-step-size is set but --lr-schedule is none, accepted only with --lr-schedule step",
                "--lr", "0.01", "--lr-step-size", "5");
        assertOneErrorLine("--lr-min is set but --lr-schedule is step, accepted only with --lr-schedule cosine or "
                + "warmup-cosine", "--lr", "0.01", "--lr-schedule", "step", "--lr-step-size", "5", "--lr-min", "0");
        assertOneErrorLine("--lr-step-size = 0 is out of range; accepted: [1, ∞)",
                "--lr", "0.01", "--lr-schedule", "step", "--lr-step-size", "0");
        assertOneErrorLine("--lr-gamma = 2.0 is out of range; accepted: (0, 1]",
                "--lr", "0.01", "--lr-schedule", "step", "--lr-step-size", "5", "--lr-gamma", "2");
        assertOneErrorLine("--lr-min = 0.5 is out of range; accepted: [0, lr = 0.01]",
                "--lr", "0.01", "--lr-schedule", "cosine", "--lr-min", "0.5");
        assertOneErrorLine("--lr-warmup-steps = 0 is out of range; accepted: [1, the run's total steps)",
                "--lr", "0.01", "--lr-schedule", "warmup-cosine", "--lr-warmup-steps", "0");
        assertOneErrorLine("--lr-warmup-steps = 50 is out of range; accepted: [1, totalSteps = 20)",
                "--lr", "0.01", "--lr-schedule", "warmup-cosine", "--lr-warmup-steps", "50", "--steps", "20");
    }

    @Test
    void aScheduledRunPrintsTheFinalLineAndRecordsItsSchedule(@TempDir Path dir) throws Exception {
        CliRun r = train("--lr", "0.05", "--steps", "12", "--lr-schedule", "warmup-cosine",
                "--lr-warmup-steps", "3", "--lr-min", "0.001", "--out", dir.toString());
        assertEquals(0, r.code(), String.join("\n", r.err()));
        assertTrue(r.out().get(r.out().size() - 1).startsWith("final test_loss="), r.out().toString());
        CliRun step = train("--lr", "0.05", "--steps", "4", "--lr-schedule", "step",
                "--lr-step-size", "2", "--lr-gamma", "0.5");
        assertEquals(0, step.code(), String.join("\n", step.err()));
        assertTrue(Files.exists(dir.resolve("checkpoint.bin")));
    }

    @Test
    void tuneTakesTheScheduleAroundEachTrialsLrWithoutLrFlag(@TempDir Path dir) {
        Path db = dir.resolve("t.db");
        CliRun o = CliRun.run("tune", "--study", "s", "--storage", "sqlite:" + db,
                "--trials", "2", "--steps", "6", "--data", "mnist1d:num-samples=400", "--model", "mlp:8",
                "--search", "lr=1e-3:1e-1:log", "--pruner", "none", "--lr-schedule", "warmup-cosine",
                "--lr-warmup-steps", "2");
        assertEquals(0, o.code(), o.errText());
        List<String> lines = o.outText().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("best value="), lines.toString());
        CliRun bad = CliRun.run("tune", "--study", "s", "--storage", "sqlite:" + db,
                "--trials", "1", "--search", "lr=1e-3:1e-1:log", "--lr-schedule", "cosine", "--lr-min", "0.01");
        assertEquals(2, bad.code());
        assertEquals(List.of("lookahead tune: error: --lr-min = 0.01 is out of range; accepted: [0, lr = 0.001]"),
                bad.err());
    }

    @Test
    void helpDescribesTheScheduleFlags() {
        CliRun r = CliRun.run("train", "--help");
        assertEquals(0, r.code());
        String help = String.join("\n", r.out());
        for (String flag : List.of("--lr-schedule", "--lr-warmup-steps", "--lr-step-size", "--lr-gamma", "--lr-min",
                "--lr is required")) {
            assertTrue(help.contains(flag), flag + " in\n" + help);
        }
    }
}
