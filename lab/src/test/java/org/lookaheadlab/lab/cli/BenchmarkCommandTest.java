package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lookaheadlab.lab.cli.CliRun.run;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSources;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainSpec;

/** {@code ./lookahead benchmark mnist1d}: the paper's protocol (specs/mnist1d.md §6.2) and one-line errors. */
class BenchmarkCommandTest {

    private static final String SMALL = "mnist1d:num-samples=400";

    /**
     * The protocol written out independently of the command: Adam lr 1e-2, batch 100, contiguous batches in
     * fixed order, steps 0..N inclusive (N + 1 updates), initial weights from seed 42, final test accuracy.
     */
    @Test
    void theCommandRunsThePapersProtocol() {
        CliRun r = run("benchmark", SMALL, "--models", "logistic,mnist1d-mlp,gru", "--steps", "7");
        assertEquals(0, r.code(), String.join("\n", r.err()));
        List<String> expected = List.of("logistic", "mnist1d-mlp", "gru").stream().map(model -> {
            TrainSpec protocol = TrainSpec.builder().model(model).optimizer(OptimizerSpec.of("adam", 1e-2))
                    .steps(8).batchSize(100).contiguousBatches(true).initSeed(42).evalEachEpoch(false).build();
            double acc = new FairTrainer().train(DataSources.load(SMALL), protocol, TrainListener.NONE)
                    .finalMetrics().testAccuracy();
            return String.format(Locale.ROOT, "model=%s test_acc=%.4f", model, acc);
        }).toList();
        assertEquals(expected, r.out());
    }

    @Test
    void aModelThatDoesNotFitTheDataIsRejectedBeforeAnyRun() {
        CliRun r = run("benchmark", SMALL, "--models", "logistic,resnet18", "--steps", "1");
        assertEquals(2, r.code());
        assertEquals(List.of(), r.out(), "no model ran");
        assertEquals(List.of("lookahead benchmark: error: resnet18 needs image samples of shape {channels, height, "
                + "width}, got [40]"), r.err());
    }

    @Test
    void unknownDatasetOrModelAndNegativeStepsAreOneLine() {
        assertOneLine(run("benchmark", "cifar10"),
                "lookahead benchmark: error: dataset 'cifar10' is unknown, accepted: mnist1d");
        assertOneLine(run("benchmark", SMALL, "--models", "rnn"),
                "lookahead benchmark: error: model 'rnn' is unknown, accepted: logistic, mlp, mnist1d-mlp, cnn, "
                        + "gru, resnet18, nqm");
        assertOneLine(run("benchmark", SMALL, "--steps", "-1"),
                "lookahead benchmark: error: --steps is -1, accepted range: >= 0");
    }

    private static void assertOneLine(CliRun r, String expected) {
        assertEquals(2, r.code());
        assertEquals(List.of(expected), r.err());
        assertEquals(List.of(), r.out());
    }
}
