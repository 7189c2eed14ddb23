package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.model.Models;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead benchmark mnist1d}: the mnist1d paper's benchmark protocol ({@code specs/mnist1d.md} §6.2):
 * Adam lr 1e-2 (PyTorch defaults otherwise), batch 100, contiguous batches starting at row
 * {@code (t·100) mod N}, steps t = 0 … total inclusive (so {@code --steps 6000} is 6001 updates), initial
 * weights from seed 42, and the final model's test accuracy, by default for the paper's four models (logistic,
 * MLP, CNN, GRU). Prints {@code model=<name> test_acc=<f>} per model.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Reproduce the mnist1d paper's benchmark; one line per model: model=<name> test_acc=<f>")
public final class BenchmarkCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET",
            description = "mnist1d, or mnist1d:ARGS for other generator arguments")
    String dataset;

    @Option(names = "--models", paramLabel = "M1,M2,...", split = ",",
            defaultValue = "logistic,mnist1d-mlp,cnn,gru", description = "(default ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "6000",
            description = "last step index; N+1 updates (default ${DEFAULT-VALUE})")
    long steps;

    /** {@code --threads}. */
    @Mixin
    EngineThreadsOption engineThreads = new EngineThreadsOption();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "seed of the initial weights (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        DataSplits data;
        try {
            if (!dataset.equals("mnist1d") && !dataset.startsWith("mnist1d:")) {
                throw new IllegalArgumentException("dataset '" + dataset + "' is unknown, accepted: mnist1d");
            }
            if (steps < 0) {
                throw new IllegalArgumentException("--steps is " + steps + ", accepted range: >= 0");
            }
            engineThreads.configure("mnist1d-benchmark"); // the benchmark models are tiny: one thread
            data = new DataSpec(dataset, null).load();
            for (String m : models) {
                // every model name, and its fit to the data's sample shape, is checked before the first run
                Models.create(spec(m).model(), data.train().sampleShape(), data.train().numClasses());
            }
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String m : models) {
            TrainResult r;
            try {
                r = new FairTrainer().train(data, spec(m), TrainListener.NONE);
            } catch (RuntimeException e) {
                return CommandErrors.fail(spec, CommandErrors.FAILURE, "model " + m + ": "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (r.diverged()) {
                return CommandErrors.fail(spec, CommandErrors.FAILURE, "model " + m + ": " + r.message());
            }
            out.println(String.format(Locale.ROOT, "model=%s test_acc=%.4f", m, r.finalMetrics().testAccuracy()));
            out.flush();
        }
        return 0;
    }

    private TrainSpec spec(String model) {
        return TrainSpec.builder().model(model).optimizer(OptimizerSpec.of("adam", 1e-2)).steps(steps + 1)
                .batchSize(100).contiguousBatches(true).initSeed(seed).evalEachEpoch(false).build();
    }
}
