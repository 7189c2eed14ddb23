package org.lookaheadlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.InnerState;
import org.lookaheadlab.optim.Optimizers;
import org.lookaheadlab.optim.Points;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one optimizer step over the parameters of a 40→100→10 MLP (W1 100×40, b1 100, W2 10×100, b2 10,
 * float32, CPU): DJL's built-in Adam, our Adam, each wrapper over our Adam (Lookahead k=5 α=0.5,
 * TrajectoryLookahead k=5 m=3, WeightTrajectoryLR β=0.1 per layer, EMA d=0.999, SWA, schedule-free), and
 * schedule-free AdamW. Gradients are fixed arrays, so only the optimizer is measured; each weight has had one
 * backward pass, so that it carries a gradient buffer for the optimizer to zero, as in training (without one,
 * every {@code getGradient()} of an optimizer that zeroes it op by op would allocate a fresh zero array).
 *
 * <pre>
 * mvn -B -q -Pbench -DskipTests -pl bench -am package
 * DJL_CACHE_DIR=$PWD/.djl-cache java -jar bench/target/benchmarks.jar OptimizerStepBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1",
        "-Dai.djl.pytorch.num_threads=1"})
@State(Scope.Thread)
public class OptimizerStepBenchmark {

    @Param({"djlAdam", "adam", "lookahead", "trajectoryLookahead", "weightTrajectoryLR", "ema", "swa",
            "adamwScheduleFree"})
    public String optimizer;

    private NDManager manager;
    private Optimizer opt;
    private final List<String> ids = new ArrayList<>();
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> grads = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager();
        Shape[] shapes = {new Shape(100, 40), new Shape(100), new Shape(10, 100), new Shape(10)};
        String[] names = {"01Linear_weight", "01Linear_bias", "03Linear_weight", "03Linear_bias"};
        for (int i = 0; i < shapes.length; i++) {
            weights.add(parameter(manager, shapes[i]));
            grads.add(manager.randomNormal(0, 0.01f, shapes[i], ai.djl.ndarray.types.DataType.FLOAT32));
            ids.add(names[i]);
        }
        opt = create(optimizer);
    }

    /** A float32 weight N(0, 0.1²) with a gradient buffer (after one backward pass, as in training). */
    static NDArray parameter(NDManager manager, Shape shape) {
        NDArray w = manager.randomNormal(0, 0.1f, shape, ai.djl.ndarray.types.DataType.FLOAT32);
        w.setRequiresGradient(true);
        try (GradientCollector collector = manager.getEngine().newGradientCollector();
                NDArray loss = w.sum()) {
            collector.backward(loss);
        }
        return w;
    }

    static Optimizer ours() {
        return Optimizers.create("adam", Map.of("lr", 1e-3));
    }

    static Optimizer create(String name) {
        switch (name) {
            case "djlAdam":
                return Optimizer.adam().build();
            case "adam":
                return ours();
            case "lookahead":
                return Optimizers.lookahead(ours(), 5, 0.5, InnerState.NONE);
            case "trajectoryLookahead":
                return Optimizers.trajectoryLookahead(ours(), 5, 3, 0.5, Points.LAST, InnerState.NONE);
            case "weightTrajectoryLR":
                return Optimizers.weightTrajectoryLR(ours(), 0.1,
                        Grouping.layer(id -> id.substring(0, id.lastIndexOf('_'))));
            case "ema":
                return Optimizers.wrap("ema", ours(), Map.of("decay", 0.999));
            case "swa":
                return Optimizers.wrap("swa", ours(), Map.of());
            case "scheduleFree": // the wrapper over our Adam (no speed target)
                return Optimizers.wrap("schedule-free", ours(), Map.of());
            case "adamwScheduleFree":
                return Optimizers.create("adamw-schedule-free", Map.of("lr", 1e-3));
            // diagnostic variants (PairedStepTimer's third argument), to locate where a wrapper's time goes
            case "lookaheadNoSync": // per-step bookkeeping only: no sync within any measured run
                return Optimizers.lookahead(ours(), Integer.MAX_VALUE, 0.5, InnerState.NONE);
            case "lookaheadK1": // a sync at every step: the cost of one sync per parameter
                return Optimizers.lookahead(ours(), 1, 0.5, InnerState.NONE);
            case "trajectoryLookaheadAlpha1": // TrajectoryLookahead's default α = 1 (slow ← average)
                return Optimizers.trajectoryLookahead(ours(), 5, 3, 1.0, Points.LAST, InnerState.NONE);
            case "weightTrajectoryLRTensor":
                return Optimizers.weightTrajectoryLR(ours(), 0.1, Grouping.tensor());
            case "adamAgain": // a second bare Adam: the timer's noise floor for a ratio of 1
                return ours();
            case "emaNoUpdate": // EMA's per-step bookkeeping only: the first averaging step is never reached
                return Optimizers.wrap("ema", ours(), Map.of("start", Integer.MAX_VALUE));
            case "sgdScheduleFree":
                return Optimizers.create("sgd-schedule-free", Map.of("lr", 1e-3));
            case "weightTrajectoryLRBeta0": // bookkeeping only: β = 0 measures no norm
                return Optimizers.weightTrajectoryLR(ours(), 0.0,
                        Grouping.layer(id -> id.substring(0, id.lastIndexOf('_'))));
            default:
                throw new IllegalArgumentException("unknown benchmark optimizer " + name);
        }
    }

    /** One optimizer step of every parameter. */
    @Benchmark
    public void step() {
        for (int i = 0; i < weights.size(); i++) {
            opt.update(ids.get(i), weights.get(i), grads.get(i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
