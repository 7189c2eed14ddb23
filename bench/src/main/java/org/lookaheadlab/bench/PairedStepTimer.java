package org.lookaheadlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paired, interleaved timing of the optimizers of {@link OptimizerStepBenchmark} (same 40→100→10 MLP
 * parameters): in each round every contender runs a block of steps, in rotating order, so that load changes on a
 * shared machine hit all contenders alike; the ratio of medians over rounds is reported. Complements the JMH run,
 * whose contenders run one after the other.
 *
 * <pre>
 * DJL_CACHE_DIR=$PWD/.djl-cache java -Dai.djl.offline=true -cp bench/target/benchmarks.jar \
 *     org.lookaheadlab.bench.PairedStepTimer [rounds=60] [stepsPerBlock=200] [names=djlAdam,adam,...]
 * </pre>
 * The optional third argument is a comma-separated list of contenders (it must contain {@code adam}); besides
 * the eight of the JMH benchmark, {@link OptimizerStepBenchmark#create} knows {@code scheduleFree} (the wrapper
 * over Adam) and diagnostic variants used to locate overhead (e.g. {@code lookaheadNoSync},
 * {@code weightTrajectoryLRTensor}). The weights carry a gradient buffer, as in training (see
 * {@link OptimizerStepBenchmark}).
 */
public final class PairedStepTimer {

    private PairedStepTimer() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String[] names = args.length > 2 ? args[2].split(",")
                : new String[] {"djlAdam", "adam", "lookahead", "trajectoryLookahead", "weightTrajectoryLR", "ema",
                        "swa", "adamwScheduleFree"};
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Contender> contenders = new LinkedHashMap<>();
            for (String name : names) {
                contenders.put(name, new Contender(manager, OptimizerStepBenchmark.create(name)));
            }
            for (Contender c : contenders.values()) {
                c.run(2000); // warm-up
            }
            Map<String, double[]> perStep = new LinkedHashMap<>();
            for (String name : names) {
                perStep.put(name, new double[rounds]);
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < names.length; i++) {
                    String name = names[(i + r) % names.length];
                    long start = System.nanoTime();
                    contenders.get(name).run(block);
                    perStep.get(name)[r] = (System.nanoTime() - start) / 1e3 / block;
                }
            }
            Map<String, Double> median = new LinkedHashMap<>();
            perStep.forEach((name, v) -> median.put(name, median(v)));
            median.forEach((name, m) -> System.out.printf("%-22s median %8.2f us/step%n", name, m));
            if (median.containsKey("djlAdam")) {
                System.out.printf("ratio adam/djlAdam                 = %.3f%n",
                        median.get("adam") / median.get("djlAdam"));
            }
            for (String w : names) {
                if (!w.equals("adam") && !w.equals("djlAdam")) {
                    System.out.printf("ratio %-20s/adam        = %.3f   (paired per-round median %.3f)%n", w,
                            median.get(w) / median.get("adam"), pairedRatio(perStep.get(w), perStep.get("adam")));
                }
            }
            if (median.containsKey("djlAdam")) {
                System.out.printf("paired per-round median adam/djlAdam = %.3f%n",
                        pairedRatio(perStep.get("adam"), perStep.get("djlAdam")));
            }
        }
    }

    private static double pairedRatio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return median(r);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** One optimizer with its own copy of the MLP's parameters and fixed gradients. */
    private static final class Contender {
        private final Optimizer optimizer;
        private final List<NDArray> weights = new ArrayList<>();
        private final List<NDArray> grads = new ArrayList<>();
        private final String[] ids = {"01Linear_weight", "01Linear_bias", "03Linear_weight", "03Linear_bias"};

        Contender(NDManager manager, Optimizer optimizer) {
            this.optimizer = optimizer;
            Shape[] shapes = {new Shape(100, 40), new Shape(100), new Shape(10, 100), new Shape(10)};
            for (Shape shape : shapes) {
                weights.add(OptimizerStepBenchmark.parameter(manager, shape));
                grads.add(manager.randomNormal(0, 0.01f, shape, DataType.FLOAT32));
            }
        }

        void run(int steps) {
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < weights.size(); i++) {
                    optimizer.update(ids[i], weights.get(i), grads.get(i));
                }
            }
        }
    }
}
