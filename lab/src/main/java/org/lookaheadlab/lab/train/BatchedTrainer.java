package org.lookaheadlab.lab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;
import org.lookaheadlab.lab.model.BatchedModels;
import org.lookaheadlab.lab.model.InitialWeights;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.model.Models;
import org.lookaheadlab.optim.batched.BatchedOptimizer;
import org.lookaheadlab.optim.batched.BatchedOptimizers;
import org.lookaheadlab.optim.spec.BuildContext;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * Trains R independent runs of one model shape as one computation: each of the R {@link TrainSpec}s gets exactly
 * the {@link TrainResult} that {@link FairTrainer} gives it trained alone (same history, status, message and final
 * weights, up to floating-point reassociation), in far less time per run for small models.
 *
 * <p>How: one {@link BatchedModels batched model} whose parameters have a leading run axis (run r's slice starts
 * from the solo initial weights of its spec), one {@link BatchedOptimizer} that updates run r by its own spec, and
 * data batches {@code (R, B, sample...)} in which run r reads the rows its solo run reads at that step ({@link
 * RunPlan}, {@link BatchOrder} with its own shuffle seed). The loss is the sum over runs of each run's mean
 * softmax cross-entropy, so the gradient of run r's slice is its solo gradient. Per run: global-norm clipping over
 * that run's slices of all parameters (its own {@code gradClip}), divergence (a NaN/Inf loss stops that run only:
 * it is frozen in the optimizer, its gradients are zeroed from then on, it is reported {@link
 * TrainStatus#DIVERGED} with the step, and the other runs go on untouched) and evaluation (every run on the whole
 * train, validation and test sets at once; with {@code evalWeights} on the optimizer's evaluation weights).
 *
 * <p>The specs must share everything that shapes the computation or the schedule — model, dtype, batch size,
 * epochs or steps, contiguous batches, evaluation settings — and may differ in optimizer (and its
 * hyperparameters), seeds, initial weights and gradient clipping; checkpoints are not supported here.
 * Each run's {@code trainSeconds} (and the elapsed time of its metrics) is its share of the batch's training
 * wall time: the time so far divided by R. Listener exceptions stop the whole batch. The optimizers must have the
 * same structure in every run ({@link BatchedOptimizers#create} refuses others with one line).
 *
 * <p>A run's result does not depend on the other runs of its batch, bit for bit (each run's matrix products,
 * reductions and updates touch its own slices only; evaluation uses {@link Evaluation}'s chunks whatever R is): a
 * resumed comparison that trains a lone seed as a batch of one gets what the uninterrupted one got.
 */
public final class BatchedTrainer {

    /** Trains {@code specs} as one batch, without listeners. */
    public List<TrainResult> train(DataSplits data, List<TrainSpec> specs) {
        return train(data, specs, r -> TrainListener.NONE);
    }

    /**
     * Trains {@code specs} as one batch; run r reports to {@code listeners.apply(r)} ({@code onStart} gets the
     * batched model's parameters).
     *
     * @return the results, in the order of {@code specs}
     * @throws IllegalArgumentException (one line naming the field) when the specs cannot share one batch
     */
    public List<TrainResult> train(DataSplits data, List<TrainSpec> specs, Function<Integer, TrainListener> listeners) {
        ThreadGradientCollector.gradModeOff();
        LabeledData train = data.train();
        List<TrainSpec> runs = new ArrayList<>();
        for (TrainSpec s : specs) {
            runs.add(FairTrainer.forRun(s, train.size()));
        }
        check(runs);
        TrainSpec first = runs.get(0);
        long[] inputShape = train.sampleShape();
        int numClasses = train.numClasses();
        DataType dtype = first.dtype();
        List<byte[]> initial = new ArrayList<>();
        for (TrainSpec s : runs) {
            initial.add(s.initialWeights() != null ? s.initialWeights()
                    : InitialWeights.snapshot(s.model(), inputShape, numClasses, s.initSeed(), dtype));
        }
        try (NDManager root = NDManager.newBaseManager()) {
            NDManager modelManager = root.newSubManager();
            Block block = BatchedModels.create(first.model(), runs.size(), inputShape, numClasses);
            BatchedModels.load(block, modelManager, initial, first.model(), inputShape, numClasses, dtype);
            Block solo = Models.create(first.model(), inputShape, numClasses);
            InitialWeights.load(solo, modelManager, initial.get(0), inputShape, dtype);
            List<OptimizerSpec> optimizerSpecs = runs.stream().map(TrainSpec::optimizer).toList();
            BatchedOptimizer optimizer = BatchedOptimizers.create(optimizerSpecs,
                    BuildContext.of(block, FairTrainer.totalSteps(first, train.size())));
            try {
                NDManager dataManager = root.newSubManager();
                List<TrainListener> perRun = new ArrayList<>();
                for (int r = 0; r < runs.size(); r++) {
                    perRun.add(listeners.apply(r));
                }
                return new Batch(runs, block, solo, modelManager, optimizer, perRun,
                        TensorData.of(dataManager, train, dtype),
                        data.hasValidation() ? TensorData.of(dataManager, data.validation(), dtype) : null,
                        TensorData.of(dataManager, data.test(), dtype)).execute();
            } finally {
                FairTrainer.closeState(optimizer);
            }
        }
    }

    /** Refuses specs that cannot share one batch, naming the first field that differs. */
    static void check(List<TrainSpec> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("batch is empty, accepted: at least one run");
        }
        TrainSpec a = runs.get(0);
        if (!BatchedModels.supports(a.model())) {
            throw new IllegalArgumentException("model " + a.model() + " has no batched form, accepted: "
                    + String.join(", ", BatchedModels.NAMES));
        }
        for (int r = 0; r < runs.size(); r++) {
            TrainSpec b = runs.get(r);
            if (b.checkpointDir() != null) {
                throw new IllegalArgumentException("run " + r + " has checkpointDir " + b.checkpointDir()
                        + ", accepted in a batch: none (checkpoints are per solo run)");
            }
            same(r, "model", a.model(), b.model());
            same(r, "dtype", a.dtype(), b.dtype());
            same(r, "batch size", a.batchSize(), b.batchSize());
            same(r, "epochs", a.epochs(), b.epochs());
            same(r, "steps", a.steps(), b.steps());
            same(r, "contiguous batches", a.contiguousBatches(), b.contiguousBatches());
            same(r, "eval-weights", a.evalWeights(), b.evalWeights());
            same(r, "eval each epoch", a.evalEachEpoch(), b.evalEachEpoch());
            same(r, "eval-every", a.evalEvery(), b.evalEvery());
            same(r, "validation only", a.validationOnly(), b.validationOnly());
        }
    }

    private static void same(int run, String field, Object first, Object other) {
        if (!first.equals(other)) {
            throw new IllegalArgumentException("run " + run + " of the batch has " + field + " " + other
                    + ", run 0 has " + first + ", accepted: the same " + field + " for every run of a batch");
        }
    }

    /** The mutable state of one batch. */
    private static final class Batch {
        final List<TrainSpec> specs;
        final int runs;
        final Block block;
        final Block solo;
        final ParameterStore store;
        final BatchedOptimizer optimizer;
        final List<TrainListener> listeners;
        final TensorData train;
        final TensorData validation;
        final TensorData test;
        final RunPlan plan;
        final List<Parameter> trainable = new ArrayList<>();
        final List<List<EpochMetrics>> history = new ArrayList<>();
        final TrainResult[] results;
        final long[] sampleShape;
        final boolean clipping;
        long step;
        double batchSeconds;

        Batch(List<TrainSpec> specs, Block block, Block solo, NDManager modelManager, BatchedOptimizer optimizer,
                List<TrainListener> listeners, TensorData train, TensorData validation, TensorData test) {
            this.specs = specs;
            this.runs = specs.size();
            this.block = block;
            this.solo = solo;
            this.store = new ParameterStore(modelManager, false);
            store.setParameterServer(new LocalParameterServer(optimizer), new Device[] {modelManager.getDevice()});
            this.optimizer = optimizer;
            this.listeners = listeners;
            this.train = train;
            this.validation = validation;
            this.test = test;
            this.plan = new RunPlan(specs.get(0), train.size);
            for (Parameter p : BatchedModels.parameters(block)) {
                if (p.requiresGradient()) {
                    trainable.add(p);
                }
            }
            for (int r = 0; r < runs; r++) {
                history.add(new ArrayList<>());
            }
            this.results = new TrainResult[runs];
            long[] dims = train.features.getShape().getShape();
            this.sampleShape = Arrays.copyOfRange(dims, 1, dims.length);
            this.clipping = specs.stream().anyMatch(s -> s.gradClip() > 0);
        }

        List<TrainResult> execute() {
            for (int r = 0; r < runs; r++) {
                listeners.get(r).onStart(block.getParameters(), 0, plan.totalSteps);
            }
            long[][] orders = new long[runs][];
            int loadedEpoch = -1;
            while (step < plan.totalSteps && active() > 0) {
                long begin = System.nanoTime();
                int epoch = plan.epochOf(step);
                if (!specs.get(0).contiguousBatches() && epoch != loadedEpoch) {
                    for (int r = 0; r < runs; r++) {
                        orders[r] = BatchOrder.permutation(specs.get(r).shuffleSeed(), epoch, train.size);
                    }
                    loadedEpoch = epoch;
                }
                double[] losses = trainStep(orders, plan.batchStart(step));
                batchSeconds += (System.nanoTime() - begin) / 1e9;
                step++;
                for (int r = 0; r < runs; r++) {
                    if (results[r] == null) {
                        listeners.get(r).onStep(step, plan.totalSteps, losses[r]);
                    }
                }
                if (plan.evaluatesAfter(step) && active() > 0) {
                    EpochMetrics[] metrics = evaluate(plan.reportedEpoch(step));
                    for (int r = 0; r < runs; r++) {
                        if (results[r] == null) {
                            history.get(r).add(metrics[r]);
                            listeners.get(r).onEpoch(metrics[r]);
                        }
                    }
                }
            }
            for (int r = 0; r < runs; r++) {
                if (results[r] == null) {
                    results[r] = result(r, TrainStatus.COMPLETED, plan.completedMessage());
                }
            }
            return List.of(results);
        }

        private int active() {
            int n = 0;
            for (TrainResult r : results) {
                n += r == null ? 1 : 0;
            }
            return n;
        }

        /**
         * One optimizer step of every run on its rows {@code [start, end)} (of its epoch order, or of the data for
         * contiguous batches); a run whose loss is not finite stops here, before its update, as a solo run does.
         *
         * @return each run's batch loss
         */
        @SuppressWarnings("try") // the scope frees the step's temporary arrays
        double[] trainStep(long[][] orders, int start) {
            int end = plan.batchEnd(start);
            int b = end - start;
            long[] rows = new long[runs * b];
            for (int r = 0; r < runs; r++) {
                for (int i = 0; i < b; i++) {
                    rows[r * b + i] = orders[r] == null ? start + i : orders[r][start + i];
                }
            }
            double[] losses;
            try (NDScope scope = new NDScope()) {
                NDArray index = train.features.getManager().create(rows);
                long[] dims = new long[sampleShape.length + 2];
                dims[0] = runs;
                dims[1] = b;
                System.arraycopy(sampleShape, 0, dims, 2, sampleShape.length);
                NDArray x = train.features.get(index).reshape(new Shape(dims));
                NDArray y = train.labels.get(index).reshape(runs, b);
                try (GradientCollector collector = new ThreadGradientCollector()) {
                    NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
                    NDArray perRun = meanCrossEntropy(logits, y);
                    collector.backward(perRun.sum());
                    losses = values(perRun);
                }
                long stepDone = step + 1;
                for (int r = 0; r < runs; r++) {
                    if (results[r] == null && !Double.isFinite(losses[r])) {
                        optimizer.freeze(r);
                        results[r] = result(r, TrainStatus.DIVERGED, plan.divergedMessage(stepDone, losses[r]));
                    }
                }
                if (clipping || active() < runs) {
                    List<NDArray> gradients = new ArrayList<>(trainable.size());
                    for (Parameter p : trainable) {
                        gradients.add(p.getArray().getGradient());
                    }
                    for (int r = 0; r < runs; r++) {
                        if (results[r] != null) {
                            for (NDArray g : gradients) {
                                g.set(new NDIndex().addIndices(r), 0);
                            }
                        }
                    }
                    if (clipping) {
                        clipPerRun(gradients);
                    }
                }
            }
            store.updateAllParameters();
            return losses;
        }

        /**
         * Per-run global-norm clipping ({@link GradientClipping}'s rule on run r's slices of all gradients with
         * run r's {@code gradClip}); runs without clipping, and runs within their norm, are left as they are.
         */
        private void clipPerRun(List<NDArray> gradients) {
            if (gradients.isEmpty()) {
                return;
            }
            NDArray sumOfSquares = null;
            for (NDArray g : gradients) {
                int[] axes = new int[g.getShape().dimension() - 1];
                for (int i = 0; i < axes.length; i++) {
                    axes[i] = i + 1;
                }
                NDArray s = g.toType(DataType.FLOAT64, false).square().sum(axes);
                sumOfSquares = sumOfSquares == null ? s : sumOfSquares.add(s);
            }
            double[] squares = sumOfSquares.toDoubleArray();
            double[] coefficients = new double[runs];
            boolean clip = false;
            for (int r = 0; r < runs; r++) {
                double maxNorm = specs.get(r).gradClip();
                double c = maxNorm / (Math.sqrt(squares[r]) + 1e-6);
                coefficients[r] = maxNorm > 0 && results[r] == null && c < 1 ? c : 1;
                clip |= coefficients[r] != 1;
            }
            if (!clip) {
                return;
            }
            NDArray c = gradients.get(0).getManager().create(coefficients).toType(gradients.get(0).getDataType(), false);
            for (NDArray g : gradients) {
                long[] shape = new long[g.getShape().dimension()];
                Arrays.fill(shape, 1);
                shape[0] = runs;
                g.muli(c.reshape(shape));
            }
        }

        /** The metrics of every run at {@code epoch} (on the evaluation weights with {@code evalWeights}). */
        @SuppressWarnings("try") // the swap restores the training weights when closed
        EpochMetrics[] evaluate(int epoch) {
            if (specs.get(0).evalWeights()) {
                try (var swap = optimizer.swapIn()) {
                    return measure(epoch);
                }
            }
            return measure(epoch);
        }

        private EpochMetrics[] measure(int epoch) {
            if (specs.get(0).validationOnly()) {
                Evaluation[] va = BatchedEvaluation.of(block, store, validation != null ? validation : test, runs);
                EpochMetrics[] out = new EpochMetrics[runs];
                for (int r = 0; r < runs; r++) {
                    out[r] = EpochMetrics.validationOnly(epoch, step, va[r].loss(), va[r].accuracy(),
                            batchSeconds / runs);
                }
                return out;
            }
            Evaluation[] tr = BatchedEvaluation.of(block, store, train, runs);
            Evaluation[] te = BatchedEvaluation.of(block, store, test, runs);
            Evaluation[] va = validation != null ? BatchedEvaluation.of(block, store, validation, runs) : te;
            EpochMetrics[] out = new EpochMetrics[runs];
            for (int r = 0; r < runs; r++) {
                out[r] = new EpochMetrics(epoch, step, tr[r].loss(), tr[r].accuracy(), va[r].loss(),
                        va[r].accuracy(), te[r].loss(), te[r].accuracy(), batchSeconds / runs);
            }
            return out;
        }

        private TrainResult result(int run, TrainStatus status, String message) {
            List<EpochMetrics> h = history.get(run);
            EpochMetrics last = h.isEmpty() ? null : h.get(h.size() - 1);
            return new TrainResult(h, status, message, batchSeconds / runs, last, BatchedModels.save(block, run, solo));
        }
    }

    /**
     * Each run's mean softmax cross-entropy, {@code (R)}, of logits {@code (R, B, C)} against labels {@code (R, B)}
     * (or {@code (1, B)}): the solo loss ({@code Loss.softmaxCrossEntropyLoss()}: log-softmax, the label's entry,
     * negated, averaged) per run.
     */
    static NDArray meanCrossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(-1);
        long runs = logits.getShape().get(0);
        NDArray index = (labels.getShape().get(0) == runs ? labels : labels.broadcast(runs, labels.getShape().get(1)))
                .expandDims(2);
        return logProbabilities.gather(index, 2).squeeze(2).neg().mean(new int[] {1});
    }

    /** The values of a float32 or float64 array as doubles. */
    static double[] values(NDArray a) {
        if (a.getDataType() == DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
