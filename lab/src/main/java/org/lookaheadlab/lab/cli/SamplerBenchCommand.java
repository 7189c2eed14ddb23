package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lookaheadlab.tune.benchmarks.BenchmarkFunction;
import org.lookaheadlab.tune.benchmarks.SamplerBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead sampler-bench --function branin|hartmann6 --sampler tpe|random --trials N --repeats R
 * [--seed S]}: runs R independent in-memory studies of N trials (repeat i seeded with S + i) and prints
 * {@code repeat=<i> best=<f>} per repeat, then {@code median_best=<f>}. Values are printed with full
 * round-trip precision.
 */
@Command(name = "sampler-bench", mixinStandardHelpOptions = true,
        description = "Best value found by a sampler on a test function (Branin, Hartmann-6), over several seeds.")
public final class SamplerBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--function", required = true, paramLabel = "F", description = "branin or hartmann6")
    String function;

    @Option(names = "--sampler", required = true, paramLabel = "S", description = "tpe or random")
    String sampler;

    @Option(names = "--trials", paramLabel = "N", description = "trials per study (50)")
    int trials = 50;

    @Option(names = "--repeats", paramLabel = "R", description = "independent studies (20)")
    int repeats = 20;

    @Option(names = "--seed", paramLabel = "S", description = "seed of repeat 0; repeat i uses S + i (0)")
    long seed;

    @Override
    public Integer call() {
        BenchmarkFunction f;
        try {
            f = BenchmarkFunction.parse(function);
            SamplerBench.sampler(sampler, seed);
            if (trials < 1) {
                throw new IllegalArgumentException("--trials must be >= 1, but got " + trials + ".");
            }
            if (repeats < 1) {
                throw new IllegalArgumentException("--repeats must be >= 1, but got " + repeats + ".");
            }
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        double[] best = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            best[i] = SamplerBench.bestOf(f, SamplerBench.sampler(sampler, seed + i), trials);
            out.println("repeat=" + i + " best=" + best[i]);
            out.flush();
        }
        out.println("median_best=" + SamplerBench.median(best));
        out.flush();
        return 0;
    }
}
