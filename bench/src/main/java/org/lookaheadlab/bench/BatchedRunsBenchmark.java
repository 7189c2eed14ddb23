package org.lookaheadlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;
import org.lookaheadlab.lab.train.BatchedTrainer;
import org.lookaheadlab.lab.train.EngineThreads;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * Per run-step cost of R runs trained as one batch ({@link BatchedTrainer}) against one run trained alone
 * ({@link FairTrainer}), measured in one JVM, alternated: in each round the solo run and every batch width train
 * {@code steps} steps, in rotating order, so that load changes on a shared machine hit all alike. Workload: the
 * issue's 40→100→10 MLP ({@code mlp}), batch 100, Adam (lr 1e-3, each run of a batch its own lr and seed; a
 * width written {@code 20s} gives its runs one shared lr, as a configuration's verdict seeds have, so that the
 * batched Adam takes its fused kernel),
 * float32, one engine thread, on 10,000 mnist1d-shaped rows (40 features, 10 classes; synthetic values, the cost
 * does not depend on them). A run-step is forward + backward + optimizer update + batch gather, evaluation
 * excluded ({@link TrainResult#trainSeconds()}: for a batch its wall time divided by R).
 *
 * <p>Reports, per R: median µs per run-step over the rounds, ratio to the solo median, and the paired per-round
 * median ratio. Then the peak resident memory ({@code VmHWM}) after one extra batch of the largest R, against the
 * peak after the solo runs ({@code memory} mode in a fresh JVM gives the cleanest number).
 *
 * <pre>
 * mvn -B -q -o -Pbench -DskipTests package -pl bench -am
 * DJL_CACHE_DIR=$PWD/.djl-cache java -Dai.djl.offline=true -cp bench/target/benchmarks.jar \
 *     org.lookaheadlab.bench.BatchedRunsBenchmark [rounds=15] [steps=200] [widths=1,5,20,50,20s]
 * ... org.lookaheadlab.bench.BatchedRunsBenchmark memory [R=50] [steps=200]
 * </pre>
 */
public final class BatchedRunsBenchmark {

    private BatchedRunsBenchmark() {}

    public static void main(String[] args) {
        EngineThreads.set(1);
        DataSplits data = data();
        if (args.length > 0 && args[0].equals("memory")) {
            int r = args.length > 1 ? Integer.parseInt(args[1]) : 50;
            int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
            memory(data, r, steps);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String[] widths = args.length > 2 ? args[2].split(",") : new String[] {"1", "5", "20", "50"};
        List<String> names = new ArrayList<>();
        names.add("solo");
        for (String w : widths) {
            names.add("R=" + w.trim());
        }
        for (String name : names) { // warm-up: JIT and the engine's allocator
            perRunStep(data, name, steps);
            perRunStep(data, name, steps);
        }
        Map<String, double[]> times = new LinkedHashMap<>();
        names.forEach(n -> times.put(n, new double[rounds]));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                times.get(name)[round] = perRunStep(data, name, steps);
            }
            System.err.printf("round %d/%d done%n", round + 1, rounds);
        }
        double solo = median(times.get("solo"));
        System.out.printf("%-6s %14s %16s %20s%n", "runs", "us/run-step", "ratio to solo", "paired median ratio");
        for (String name : names) {
            double[] t = times.get(name);
            double[] ratios = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                ratios[i] = t[i] / times.get("solo")[i];
            }
            System.out.printf("%-6s %14.1f %16.3f %20.3f%n", name, median(t), median(t) / solo, median(ratios));
        }
        System.out.printf("peak RSS (VmHWM) after the timing rounds: %.0f MiB%n", peakMiB());
    }

    /** Trains a solo run or a batch of R runs; returns µs per run-step. */
    private static double perRunStep(DataSplits data, String name, int steps) {
        if (name.equals("solo")) {
            TrainResult r = new FairTrainer().train(data, spec(0, steps, false), TrainListener.NONE);
            return r.trainSeconds() * 1e6 / steps;
        }
        boolean shared = name.endsWith("s");
        int runs = Integer.parseInt(name.substring(2, name.length() - (shared ? 1 : 0)));
        List<TrainSpec> specs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            specs.add(spec(i, steps, shared));
        }
        List<TrainResult> results = new BatchedTrainer().train(data, specs);
        return results.get(0).trainSeconds() * 1e6 / steps; // the batch's wall time / R
    }

    private static TrainSpec spec(int run, int steps, boolean sharedLr) {
        double lr = sharedLr ? 1e-3 : 1e-3 * (1 + 0.01 * run);
        return TrainSpec.builder().model("mlp").optimizer(OptimizerSpec.of("adam", lr))
                .steps(steps).batchSize(100).seed(run).evalEachEpoch(false).build();
    }

    private static void memory(DataSplits data, int runs, int steps) {
        new FairTrainer().train(data, spec(0, steps, false), TrainListener.NONE);
        double solo = peakMiB();
        List<TrainSpec> specs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            specs.add(spec(i, steps, false));
        }
        new BatchedTrainer().train(data, specs);
        double batched = peakMiB();
        System.out.printf("peak RSS (VmHWM): after a solo run %.0f MiB, after a batch of %d runs %.0f MiB "
                + "(+%.0f MiB)%n", solo, runs, batched, batched - solo);
    }

    private static DataSplits data() {
        SplittableRandom random = new SplittableRandom(1);
        return DataSplits.trainTest(rows(10_000, random), rows(1_000, random));
    }

    private static LabeledData rows(int n, SplittableRandom random) {
        double[][] x = new double[n][40];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(10);
            for (int j = 0; j < 40; j++) {
                x[i][j] = random.nextGaussian() + (j % 10 == y[i] ? 1 : 0);
            }
        }
        return LabeledData.flat(x, y, 10);
    }

    /** Peak resident set size of this process ({@code VmHWM} of /proc/self/status), MiB; NaN where unknown. */
    static double peakMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
