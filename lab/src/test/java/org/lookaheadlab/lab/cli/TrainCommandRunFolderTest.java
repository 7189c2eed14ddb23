package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lookaheadlab.lab.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lookahead train} as a researcher uses it: quiet output, resuming from the run folder, a separate
 * validation split, and a diverged run (one error line, exit 1, no final weights, no temporary files).
 */
class TrainCommandRunFolderTest {

    private static final String SMALL = "mnist1d:num-samples=400";
    private static final Pattern FINAL = Pattern.compile(
            "final test_loss=(\\d+\\.\\d+) test_acc=([01]\\.\\d+) val_loss=(\\d+\\.\\d+) train_seconds=\\d+\\.\\d+");

    private static Matcher finalLine(CliRun r) {
        assertEquals(0, r.code(), String.join("\n", r.err()));
        Matcher m = FINAL.matcher(r.out().get(r.out().size() - 1));
        assertTrue(m.matches(), r.out().get(r.out().size() - 1));
        return m;
    }

    @Test
    void quietPrintsNoEpochLinesAndEndsWithTheFinalLine() {
        CliRun r = run("train", "--data", SMALL, "--lr", "0.01", "--epochs", "3", "--quiet");
        finalLine(r);
        assertTrue(r.out().stream().noneMatch(l -> l.startsWith("epoch=")), String.join("\n", r.out()));
        assertEquals(List.of(), r.err());
    }

    @Test
    void resumingFromTheRunFolderEndsWithTheSameWeightsAsOneRun(@TempDir Path dir) throws IOException {
        String[] flags = {"--data", SMALL, "--optimizer", "adam", "--lr", "0.02", "--lookahead", "--lookahead-k", "3",
            "--grad-clip", "1", "--batch-size", "30", "--quiet"};
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        Matcher once = finalLine(run(concat(flags, "train", "--epochs", "4", "--out", straight.toString())));
        finalLine(run(concat(flags, "train", "--epochs", "2", "--out", resumed.toString())));
        Matcher twice = finalLine(run(concat(flags, "train", "--epochs", "4", "--out", resumed.toString(),
                "--resume")));
        assertArrayEquals(Files.readAllBytes(straight.resolve(TrainCommand.FINAL_WEIGHTS)),
                Files.readAllBytes(resumed.resolve(TrainCommand.FINAL_WEIGHTS)));
        assertEquals(once.group(1), twice.group(1), "test loss");
        assertEquals(Files.readAllLines(straight.resolve("history.csv")).size(),
                Files.readAllLines(resumed.resolve("history.csv")).size());
    }

    @Test
    void aValidationSplitIsMeasuredApartFromTheTestSplit() {
        Matcher m = finalLine(run("train", "--data", SMALL, "--lr", "0.01", "--epochs", "2", "--val-split", "0.25",
                "--quiet"));
        assertNotEquals(m.group(1), m.group(3), "val_loss is measured on its own split, not on the test split");
        Matcher noSplit = finalLine(run("train", "--data", SMALL, "--lr", "0.01", "--epochs", "2", "--quiet"));
        assertEquals(noSplit.group(1), noSplit.group(3), "without --val-split, validation is the test split");
    }

    @Test
    void aDivergedRunIsOneErrorLineExitOneAndLeavesNoWeights(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        CliRun r = run("train", "--data", SMALL, "--optimizer", "sgd", "--lr", "1e12", "--epochs", "3", "--quiet",
                "--out", out.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().size(), String.join("\n", r.err()));
        assertTrue(r.err().get(0).matches(
                "lookahead train: error: diverged at epoch 1 step \\d+ \\(loss (NaN|\\+Inf|-Inf)\\)"), r.err().get(0));
        assertTrue(r.out().stream().noneMatch(l -> l.startsWith("final ")), "no final line for a diverged run");
        assertFalse(Files.exists(out.resolve(TrainCommand.FINAL_WEIGHTS)));
        JsonNode history = new ObjectMapper().readTree(out.resolve("history.json").toFile());
        assertEquals("DIVERGED", history.get("status").asText());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }

    @Test
    void aFolderHoldingAPreviousRunIsRefusedUnlessResumedOrOverwritten(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        String[] good = {"train", "--data", SMALL, "--optimizer", "sgd", "--lr", "0.01", "--epochs", "2", "--quiet",
            "--out", out.toString()};
        String[] diverging = {"train", "--data", SMALL, "--optimizer", "sgd", "--lr", "1e12", "--epochs", "3",
            "--quiet", "--out", out.toString()};
        finalLine(run(good));
        byte[] weights = Files.readAllBytes(out.resolve(TrainCommand.FINAL_WEIGHTS));
        String history = Files.readString(out.resolve("history.json"));

        CliRun refused = run(diverging);
        assertEquals(2, refused.code());
        assertEquals(List.of("lookahead train: error: --out " + out + " holds a previous run (checkpoint.bin, "
                + "final.params, history.csv, history.json), accepted: --resume to continue it or --overwrite to "
                + "replace it"), refused.err());
        assertArrayEquals(weights, Files.readAllBytes(out.resolve(TrainCommand.FINAL_WEIGHTS)));
        assertEquals(history, Files.readString(out.resolve("history.json")), "the previous run is left as it was");

        CliRun both = run(concat(new String[] {"--resume", "--overwrite"}, diverging));
        assertEquals(2, both.code());
        assertEquals(List.of("lookahead train: error: --resume and --overwrite are both set, accepted: at most one"),
                both.err());

        CliRun overwritten = run(concat(new String[] {"--overwrite"}, diverging));
        assertEquals(1, overwritten.code());
        assertTrue(overwritten.err().get(0).startsWith("lookahead train: error: diverged at epoch 1"),
                overwritten.err().get(0));
        assertEquals("DIVERGED", new ObjectMapper().readTree(out.resolve("history.json").toFile()).get("status")
                .asText());
        assertFalse(Files.exists(out.resolve(TrainCommand.FINAL_WEIGHTS)), "the previous run's weights are gone");
        assertFalse(Files.exists(out.resolve("checkpoint.bin")), "the previous run's checkpoint is gone");
    }

    @Test
    void resumingWithFewerEpochsThanTheCheckpointIsRefused(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        String[] flags = {"--data", SMALL, "--optimizer", "adam", "--lr", "0.01", "--quiet", "--out", out.toString()};
        finalLine(run(concat(flags, "train", "--epochs", "4")));
        byte[] weights = Files.readAllBytes(out.resolve(TrainCommand.FINAL_WEIGHTS));
        String history = Files.readString(out.resolve("history.csv"));

        CliRun r = run(concat(flags, "train", "--epochs", "1", "--resume"));
        assertEquals(2, r.code());
        assertEquals(1, r.err().size(), String.join("\n", r.err()));
        // mnist1d:num-samples=400 has 320 training rows: 4 steps per epoch of 100
        assertTrue(r.err().get(0).endsWith("is at step 16, past this run's total of 4 steps (1 epoch of 4 steps); "
                + "accepted: a run of at least 16 steps"), r.err().get(0));
        assertArrayEquals(weights, Files.readAllBytes(out.resolve(TrainCommand.FINAL_WEIGHTS)));
        assertEquals(history, Files.readString(out.resolve("history.csv")));
    }

    private static String[] concat(String[] flags, String... first) {
        return Stream.concat(Stream.of(first), Stream.of(flags)).toArray(String[]::new);
    }
}
