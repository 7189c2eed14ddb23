package org.lookaheadlab.lab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;
import org.lookaheadlab.lab.model.InitialWeights;
import org.lookaheadlab.lab.model.Models;
import org.lookaheadlab.lab.model.OwnLoss;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.spec.ScheduleSpec;

/**
 * Trains one contender fairly: every run of the same {@link TrainSpec} seeds starts from the same initial weights
 * and sees the data in the same order, whatever the optimizer.
 *
 * <p>Loop (a thin loop over DJL's {@link ParameterStore} + {@link LocalParameterServer}, not {@code Trainer},
 * so that float64 works and nothing leaks): for each step, take the batch (a slice of the epoch's permuted
 * copy of the training set, or for contiguous batches the rows {@code [(t·B) mod N, +B)}), forward in training
 * mode, mean softmax cross-entropy, backward, optional global-norm clipping ({@link GradientClipping}), then one
 * optimizer update of every parameter. A NaN or infinite batch loss stops the run as {@link
 * TrainStatus#DIVERGED}. After each epoch (or only after the last step, see {@link TrainSpec#evalEachEpoch()})
 * the full train, validation and test sets are evaluated ({@link Evaluation}); with {@code evalWeights} on the
 * optimizer's evaluation weights (slow weights, an average, schedule-free's x) with batch-norm statistics
 * recomputed for them ({@link BatchNormStatistics}), both swapped back exactly afterwards. A checkpoint is written
 * after each evaluation when a folder is given; it records the run's settings and the {@link DataFingerprint} of
 * the data (computed once per run, only when checkpointing), and a resume is refused when either differs or when
 * the checkpoint is already past this run's total steps.
 *
 * <p>A learning-rate schedule of the spec's optimizer ({@link org.lookaheadlab.optim.spec.ScheduleSpec}) that anneals over
 * the run gets the run's total steps as its horizon. The optimizers ask the schedule with their own per-parameter
 * step counters, which the checkpoint restores, so a resumed scheduled run continues exactly.
 *
 * <p>Thread-safe: runs on several threads of one JVM train side by side, each with its own model, optimizer and
 * arrays ({@link ThreadGradientCollector}: DJL's own collector allows one per JVM, PyTorch's grad mode is per
 * thread). A run's result depends on its spec and data only, never on what runs beside it.
 */
public final class FairTrainer {

    /** File name of the checkpoint in a run's checkpoint folder. */
    public static final String CHECKPOINT_FILE = Checkpoints.FILE_NAME;

    private static final Loss SOFTMAX_CROSS_ENTROPY = Loss.softmaxCrossEntropyLoss();

    /** The loss {@code block} trains on: its own ({@link OwnLoss}) or mean softmax cross-entropy. */
    static Loss lossOf(Block block) {
        return block instanceof OwnLoss own ? own.loss() : SOFTMAX_CROSS_ENTROPY;
    }

    /** Trains {@code spec} on {@code data}, reporting to {@code listener}. */
    public TrainResult train(DataSplits data, TrainSpec spec, TrainListener listener) {
        ThreadGradientCollector.gradModeOff(); // this may be a fresh thread, whose grad mode starts on
        LabeledData train = data.train();
        spec = forRun(spec, train.size());
        long[] inputShape = train.sampleShape();
        int numClasses = train.numClasses();
        DataType dtype = spec.dtype();
        byte[] initial = spec.initialWeights() != null
                ? spec.initialWeights()
                : InitialWeights.snapshot(spec.model(), inputShape, numClasses, spec.initSeed(), dtype);
        try (NDManager root = NDManager.newBaseManager()) {
            Block block = Models.create(spec.model(), inputShape, numClasses);
            NDManager modelManager = root.newSubManager();
            DataFingerprint fingerprint = spec.checkpointDir() != null ? DataFingerprint.of(data) : null;
            Checkpoints.State resumed = spec.resume()
                    ? Checkpoints.read(spec.checkpointDir(), spec, fingerprint) : null;
            if (resumed != null) {
                refusePastTheEnd(spec, train.size(), resumed);
            }
            InitialWeights.load(block, modelManager, resumed != null ? resumed.weights() : initial, inputShape, dtype);
            Optimizer optimizer = spec.optimizer().build(block, totalSteps(spec, train.size()));
            try {
                return train(data, spec, fingerprint, listener, root, block, modelManager, optimizer, resumed);
            } finally {
                closeState(optimizer);
            }
        }
    }

    /**
     * {@code spec} with its learning-rate schedule's horizon set to the run's total steps (steps, or epochs ×
     * steps per epoch), so that the schedule, and with it the checkpoint's settings line, is fixed by the run.
     */
    static TrainSpec forRun(TrainSpec spec, int trainSize) {
        ScheduleSpec schedule = spec.optimizer().schedule();
        ScheduleSpec overRun = schedule == null ? null : schedule.overRun(totalSteps(spec, trainSize));
        return overRun == schedule ? spec : spec.toBuilder().optimizer(spec.optimizer().withSchedule(overRun)).build();
    }

    /** The run's total optimizer steps: {@code steps}, or {@code epochs} × steps per epoch. */
    static long totalSteps(TrainSpec spec, int trainSize) {
        return spec.steps() > 0 ? spec.steps()
                : spec.epochs() * BatchOrder.stepsPerEpoch(trainSize, spec.batchSize());
    }

    /**
     * Refuses to resume from a checkpoint that has done more steps than this whole run: continuing would report
     * a run of this length while keeping the longer run's weights and history.
     */
    private static void refusePastTheEnd(TrainSpec spec, int trainSize, Checkpoints.State resumed) {
        long total = totalSteps(spec, trainSize);
        if (resumed.step() > total) {
            String length = spec.epochs() > 0
                    ? total + " steps (" + spec.epochs() + (spec.epochs() == 1 ? " epoch" : " epochs") + " of "
                            + BatchOrder.stepsPerEpoch(trainSize, spec.batchSize()) + " steps)"
                    : total + " steps";
            throw new IllegalArgumentException("checkpoint " + Checkpoints.file(spec.checkpointDir())
                    + " is at step " + resumed.step() + ", past this run's total of " + length
                    + "; accepted: a run of at least " + resumed.step() + " steps");
        }
    }

    /** Runs the training loop on the prepared model and optimizer (continuing {@code resumed} when not null). */
    private TrainResult train(DataSplits data, TrainSpec spec, DataFingerprint fingerprint, TrainListener listener,
            NDManager root, Block block, NDManager modelManager, Optimizer optimizer, Checkpoints.State resumed) {
        DataType dtype = spec.dtype();
        ParameterStore store = new ParameterStore(modelManager, false);
        store.setParameterServer(new LocalParameterServer(optimizer), new Device[] {modelManager.getDevice()});
        NDManager dataManager = root.newSubManager();
        Run run = new Run(spec, fingerprint, block, store, optimizer, listener, root.getEngine(),
                TensorData.of(dataManager, data.train(), dtype),
                data.hasValidation() ? TensorData.of(dataManager, data.validation(), dtype) : null,
                TensorData.of(dataManager, data.test(), dtype));
        if (resumed != null) {
            Checkpoints.restoreOptimizer(optimizer, block, resumed);
            run.history.addAll(resumed.history());
            run.step = resumed.step();
            run.trainSeconds = resumed.trainSeconds();
        }
        return run.execute();
    }

    /** The mutable state of one run. */
    private final class Run {
        final TrainSpec spec;
        final DataFingerprint fingerprint;
        final Block block;
        final Loss lossFunction;
        final ParameterStore store;
        final Optimizer optimizer;
        final TrainListener listener;
        final Engine engine;
        final TensorData train;
        final TensorData validation;
        final TensorData test;
        final List<Parameter> trainable = new ArrayList<>();
        final List<EpochMetrics> history = new ArrayList<>();
        final RunPlan plan;
        final long totalSteps;
        long step;
        double trainSeconds;

        Run(TrainSpec spec, DataFingerprint fingerprint, Block block, ParameterStore store, Optimizer optimizer,
                TrainListener listener, Engine engine, TensorData train, TensorData validation, TensorData test) {
            this.spec = spec;
            this.fingerprint = fingerprint;
            this.block = block;
            this.lossFunction = lossOf(block);
            this.store = store;
            this.optimizer = optimizer;
            this.listener = listener;
            this.engine = engine;
            this.train = train;
            this.validation = validation;
            this.test = test;
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    trainable.add(p.getValue());
                }
            }
            this.plan = new RunPlan(spec, train.size);
            this.totalSteps = plan.totalSteps;
        }

        TrainResult execute() {
            listener.onStart(block.getParameters(), step, totalSteps);
            NDArray epochFeatures = null;
            NDArray epochLabels = null;
            int loadedEpoch = -1;
            try {
                while (step < totalSteps) {
                    int epoch = plan.epochOf(step);
                    long begin = System.nanoTime();
                    if (!spec.contiguousBatches() && epoch != loadedEpoch) {
                        closeAll(epochFeatures, epochLabels);
                        long[] order = BatchOrder.permutation(spec.shuffleSeed(), epoch, train.size);
                        try (NDArray index = train.features.getManager().create(order)) {
                            epochFeatures = train.features.get(index);
                            epochLabels = train.labels.get(index);
                        }
                        loadedEpoch = epoch;
                    }
                    double loss = spec.contiguousBatches()
                            ? trainStep(train.features, train.labels, plan.batchStart(step))
                            : trainStep(epochFeatures, epochLabels, plan.batchStart(step));
                    trainSeconds += (System.nanoTime() - begin) / 1e9;
                    step++;
                    if (!Double.isFinite(loss)) {
                        return result(TrainStatus.DIVERGED, plan.divergedMessage(step, loss));
                    }
                    listener.onStep(step, totalSteps, loss);
                    if (plan.evaluatesAfter(step)) {
                        EpochMetrics metrics = evaluate(plan.reportedEpoch(step));
                        history.add(metrics);
                        if (spec.checkpointDir() != null) {
                            Checkpoints.write(spec.checkpointDir(), spec, fingerprint, block, optimizer, step,
                                    trainSeconds, history);
                        }
                        listener.onEpoch(metrics);
                    }
                }
            } finally {
                closeAll(epochFeatures, epochLabels);
            }
            return result(TrainStatus.COMPLETED, plan.completedMessage());
        }

        /** One optimizer step on rows {@code [start, start + B)} (clamped to the data) of the given arrays. */
        @SuppressWarnings("try") // the scope frees the step's temporary arrays
        double trainStep(NDArray features, NDArray labels, int start) {
            int end = plan.batchEnd(start);
            double loss;
            try (NDScope scope = new NDScope()) {
                NDIndex rows = new NDIndex().addSliceDim(start, end);
                NDArray x = features.get(rows);
                NDArray y = labels.get(rows);
                try (GradientCollector collector = new ThreadGradientCollector()) {
                    NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
                    NDArray lossArray = lossFunction.evaluate(new NDList(y), new NDList(logits));
                    collector.backward(lossArray);
                    loss = scalar(lossArray);
                }
                if (!Double.isFinite(loss)) {
                    return loss;
                }
                if (spec.gradClip() > 0) {
                    List<NDArray> gradients = new ArrayList<>(trainable.size());
                    for (Parameter p : trainable) {
                        gradients.add(p.getArray().getGradient());
                    }
                    GradientClipping.clipGlobalNorm(gradients, spec.gradClip());
                }
            }
            store.updateAllParameters();
            return loss;
        }

        /**
         * The metrics at {@code epoch}: on the training weights, or with {@code evalWeights} on the optimizer's
         * evaluation weights, with batch-norm statistics recomputed for them ({@link BatchNormStatistics}, as
         * torch's {@code update_bn}); the training weights and statistics are put back exactly afterwards.
         */
        @SuppressWarnings("try") // the handles restore the training weights and statistics when closed
        EpochMetrics evaluate(int epoch) {
            if (spec.evalWeights()) {
                try (EvaluationWeights.Swap swap = evaluationWeights().swapIn();
                        BatchNormStatistics.Restore statistics = BatchNormStatistics.recompute(block, store, train,
                                spec.batchSize())) {
                    return measure(epoch);
                }
            }
            return measure(epoch);
        }

        private EvaluationWeights evaluationWeights() {
            return EvaluationWeights.find(optimizer).orElseThrow(() -> new IllegalArgumentException("eval-weights needs an "
                    + "optimizer with evaluation weights (" + TrainSpec.withSlowWeights() + "), got "
                    + spec.optimizer().label()));
        }

        private EpochMetrics measure(int epoch) {
            if (spec.validationOnly()) {
                Evaluation va = Evaluation.of(block, store, validation != null ? validation : test, lossFunction);
                return EpochMetrics.validationOnly(epoch, step, va.loss(), va.accuracy(), trainSeconds);
            }
            Evaluation tr = Evaluation.of(block, store, train, lossFunction);
            Evaluation te = Evaluation.of(block, store, test, lossFunction);
            Evaluation va = validation != null ? Evaluation.of(block, store, validation, lossFunction) : te;
            return new EpochMetrics(epoch, step, tr.loss(), tr.accuracy(), va.loss(), va.accuracy(), te.loss(),
                    te.accuracy(), trainSeconds);
        }

        private TrainResult result(TrainStatus status, String message) {
            EpochMetrics last = history.isEmpty() ? null : history.get(history.size() - 1);
            return new TrainResult(history, status, message, trainSeconds, last, InitialWeights.save(block));
        }
    }

    /** Frees the optimizer's state arrays (ours are {@link AutoCloseable}; DJL's own have no close hook). */
    static void closeState(Optimizer optimizer) {
        if (optimizer instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not free the optimizer state", e);
            }
        }
    }

    /** The value of a scalar float32 or float64 array, without a conversion op for float32. */
    static double scalar(NDArray array) {
        return array.getDataType() == DataType.FLOAT32 ? array.getFloat() : array.getDouble();
    }

    private static void closeAll(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                a.close();
            }
        }
    }
}
