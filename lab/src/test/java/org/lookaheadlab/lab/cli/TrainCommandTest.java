package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lookaheadlab.lab.cli.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lookahead train} and {@code ./lookahead benchmark}: output contract and one-line errors. */
class TrainCommandTest {

    private static final String SMALL = "mnist1d:num-samples=400";

    private static void assertOneErrorLine(String expected, String... args) {
        CliRun r = run(args);
        assertEquals(2, r.code(), "exit code of " + String.join(" ", args));
        assertEquals(List.of("lookahead train: error: " + expected), r.err());
        assertEquals(List.of(), r.out());
    }

    @Test
    void badFlagsGiveOneClearErrorLineAndExitCode2() {
        assertOneErrorLine("model 'transformer' is unknown, accepted: logistic, mlp, mnist1d-mlp, cnn, gru, resnet18, "
                + "nqm",
                "train", "--model", "transformer", "--lr", "0.01");
        CliRun unknownOptimizer = run("train", "--optimizer", "adamax", "--lr", "0.01");
        assertEquals(2, unknownOptimizer.code());
        assertEquals(1, unknownOptimizer.err().size());
        assertTrue(unknownOptimizer.err().get(0).startsWith(
                "lookahead train: error: optimizer spec 'adamax' at position 1: unknown optimizer 'adamax'; accepted: sgd, adam"), unknownOptimizer.err().get(0));
        assertOneErrorLine("lr = 0.0 is out of range; accepted: (0, ∞) (finite, > 0)", "train", "--lr", "0");
        assertOneErrorLine("lr = -0.1 is out of range; accepted: (0, ∞) (finite, > 0)", "train", "--lr", "-0.1");
        assertOneErrorLine("batch size is 0, accepted range: >= 1", "train", "--lr", "0.01", "--batch-size", "0");
        assertOneErrorLine("data file /no/such/file.csv does not exist",
                "train", "--lr", "0.01", "--data", "csv:/no/such/file.csv");
        assertOneErrorLine("CIFAR-10 folder /no/such/dir does not exist",
                "train", "--lr", "0.01", "--model", "resnet18", "--data", "cifar10:/no/such/dir");
    }

    @Test
    void trainPrintsTheFinalLineLastAndWritesTheRunFolder(@TempDir Path dir) throws Exception {
        CliRun r = run("train", "--data", SMALL, "--model", "mlp", "--optimizer", "adam", "--lr", "0.01",
                "--epochs", "2", "--lookahead", "--lookahead-k", "5", "--lookahead-alpha", "0.5", "--eval-slow",
                "--grad-clip", "5", "--out", dir.toString());
        assertEquals(0, r.code(), String.join("\n", r.err()));
        String last = r.out().get(r.out().size() - 1);
        assertTrue(last.matches("final test_loss=\\d+\\.\\d+ test_acc=[01]\\.\\d+ val_loss=\\d+\\.\\d+ "
                + "train_seconds=\\d+\\.\\d+"), last);
        assertTrue(r.out().get(0).startsWith("epoch=1 step=4 "), r.out().get(0));
        List<String> csv = Files.readAllLines(dir.resolve("history.csv"));
        assertEquals(3, csv.size());
        assertTrue(Files.readString(dir.resolve("history.json")).contains("\"optimizer\" : \"Lookahead(Adam(lr=0.01))\""));
        assertTrue(Files.size(dir.resolve(TrainCommand.FINAL_WEIGHTS)) > 0);
        assertTrue(Files.exists(dir.resolve("checkpoint.bin")));
    }

    @Test
    void lrInHyperIsRefusedRatherThanOverridingLr() {
        assertOneErrorLine("lr is set by --lr, not --hyper (got --hyper lr=5)",
                "train", "--data", SMALL, "--lr", "0.01", "--hyper", "lr=5", "--steps", "1");
        assertOneErrorLine("lr is set by --lr, not --hyper (got --hyper LR=5)",
                "train", "--data", SMALL, "--lr", "0.01", "--hyper", "beta1=0.9,LR=5", "--steps", "1");
    }

    @Test
    void dataHelpListsEverySource() {
        String help = String.join(" ", LookaheadCli.commandLine().getSubcommands().get("train").getCommandSpec()
                .findOption("--data").description());
        for (String source : List.of("mnist1d", "csv:PATH", "cifar10:DIR",
                "npy:DIR (x.npy, y.npy, x_test.npy, y_test.npy")) {
            assertTrue(help.contains(source), help);
        }
    }

    @Test
    void benchmarkPrintsOneLinePerModel() {
        CliRun r = run("benchmark", SMALL, "--models", "logistic,cnn", "--steps", "10");
        assertEquals(0, r.code(), String.join("\n", r.err()));
        assertEquals(2, r.out().size());
        assertTrue(r.out().get(0).matches("model=logistic test_acc=[01]\\.\\d{4}"), r.out().get(0));
        assertTrue(r.out().get(1).matches("model=cnn test_acc=[01]\\.\\d{4}"), r.out().get(1));
    }
}
