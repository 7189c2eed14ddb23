package org.lookaheadlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lookaheadlab.optim.batched.BatchedOptimizer;
import org.lookaheadlab.optim.batched.BatchedOptimizers;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * Paired, interleaved timing of one batched Adam step of R runs against R solo Adam steps, over the parameters of
 * the 40→100→10 MLP of {@link OptimizerStepBenchmark} (W1 100×40, b1 100, W2 10×100, b2 10): the batched contender
 * updates each parameter once with a leading run axis of size R ({@link BatchedOptimizers}, each run with its own
 * lr; with {@code -DsharedLr=true} one lr for all, as a configuration's verdict seeds, which takes the fused
 * kernel over the whole batch), the solo one calls R separate {@code Adam} optimizers (fused float32 kernel) on R copies. In each round both
 * run a block of steps, in alternating order, so that load changes on a shared machine hit both alike; reported
 * are the medians over rounds and the per-round paired ratio batched / solo (below 1: the batched step is faster),
 * and the cost of a batch with one run frozen (gradient masked, its slices put back after each update) relative to
 * the same batch with none.
 *
 * <pre>
 * DJL_CACHE_DIR=$PWD/.djl-cache java -Dai.djl.offline=true -cp bench/target/benchmarks.jar \
 *     org.lookaheadlab.bench.BatchedStepTimer [rounds=30] [stepsPerBlock=50] [runs=1,5,20,50] [dtype=float32]
 * </pre>
 */
public final class BatchedStepTimer {

    private static final Shape[] SHAPES = {new Shape(100, 40), new Shape(100), new Shape(10, 100), new Shape(10)};
    private static final String[] IDS = {"01Linear_weight", "01Linear_bias", "03Linear_weight", "03Linear_bias"};

    private BatchedStepTimer() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int[] runCounts = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 5, 20, 50};
        DataType dtype = args.length > 3 && args[3].equalsIgnoreCase("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
        System.out.printf(Locale.ROOT, "%5s %14s %14s %12s %14s %16s%n", "R", "batched us", "R solo us", "ratio b/s",
                "paired b/s", "one frozen / b");
        for (int runs : runCounts) {
            try (NDManager manager = NDManager.newBaseManager()) {
                List<OptimizerSpec> specs = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    specs.add(OptimizerSpec.of("adam", Boolean.getBoolean("sharedLr") ? 1e-3 : 1e-3 * (1 + 0.01 * r)));
                }
                try (BatchedOptimizer batched = BatchedOptimizers.create(specs, 0);
                        BatchedOptimizer frozen = BatchedOptimizers.create(specs, 0)) {
                    frozen.freeze(0);
                    Step b = new Step(manager, runs, dtype, List.of(batched), true);
                    Step f = new Step(manager, runs, dtype, List.of(frozen), true);
                    List<Optimizer> solos = new ArrayList<>();
                    for (OptimizerSpec s : specs) {
                        solos.add(s.build());
                    }
                    Step s = new Step(manager, runs, dtype, solos, false);
                    b.run(200);
                    s.run(200); // warm-up
                    f.run(200);
                    double[] tb = new double[rounds];
                    double[] ts = new double[rounds];
                    double[] tf = new double[rounds];
                    for (int i = 0; i < rounds; i++) {
                        boolean batchedFirst = i % 2 == 0;
                        if (batchedFirst) {
                            tb[i] = b.time(block);
                            ts[i] = s.time(block);
                        } else {
                            ts[i] = s.time(block);
                            tb[i] = b.time(block);
                        }
                        tf[i] = f.time(block);
                    }
                    double[] ratio = new double[rounds];
                    double[] frozenRatio = new double[rounds];
                    for (int i = 0; i < rounds; i++) {
                        ratio[i] = tb[i] / ts[i];
                        frozenRatio[i] = tf[i] / tb[i];
                    }
                    System.out.printf(Locale.ROOT, "%5d %14.1f %14.1f %12.3f %14.3f %16.3f%n", runs, median(tb),
                            median(ts), median(tb) / median(ts), median(ratio), median(frozenRatio));
                    for (Optimizer o : solos) {
                        if (o instanceof AutoCloseable c) {
                            c.close();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** One contender: its optimizers, weights (with a gradient buffer, as in training) and fixed gradients. */
    private static final class Step {
        private final List<Optimizer> optimizers;
        private final List<List<NDArray>> weights = new ArrayList<>();
        private final List<List<NDArray>> grads = new ArrayList<>();

        Step(NDManager manager, int runs, DataType dtype, List<Optimizer> optimizers, boolean batched) {
            this.optimizers = optimizers;
            for (int o = 0; o < optimizers.size(); o++) {
                List<NDArray> w = new ArrayList<>();
                List<NDArray> g = new ArrayList<>();
                for (Shape shape : SHAPES) {
                    Shape s = batched ? new Shape(prepend(runs, shape.getShape())) : shape;
                    w.add(parameter(manager, s, dtype));
                    g.add(manager.randomNormal(0, 0.01f, s, DataType.FLOAT32).toType(dtype, false));
                }
                weights.add(w);
                grads.add(g);
            }
        }

        /** A weight N(0, 0.1²) with a gradient buffer (after one backward pass, as in training). */
        private static NDArray parameter(NDManager manager, Shape shape, DataType dtype) {
            NDArray w = manager.randomNormal(0, 0.1f, shape, DataType.FLOAT32).toType(dtype, false);
            w.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector();
                    NDArray loss = w.sum()) {
                collector.backward(loss);
            }
            return w;
        }

        private static long[] prepend(long first, long[] rest) {
            long[] out = new long[rest.length + 1];
            out[0] = first;
            System.arraycopy(rest, 0, out, 1, rest.length);
            return out;
        }

        void run(int steps) {
            for (int s = 0; s < steps; s++) {
                for (int o = 0; o < optimizers.size(); o++) {
                    for (int i = 0; i < IDS.length; i++) {
                        optimizers.get(o).update(IDS[i], weights.get(o).get(i), grads.get(o).get(i));
                    }
                }
            }
        }

        /** Microseconds per step (every run's update of every parameter) over {@code steps} steps. */
        double time(int steps) {
            long start = System.nanoTime();
            run(steps);
            return (System.nanoTime() - start) / 1e3 / steps;
        }
    }
}
