package org.lookaheadlab.lab.train;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Objects;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.optim.spec.OptimizerRecord;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Registry;

/**
 * Everything that defines one training run apart from the data. Build with {@link #builder()}.
 *
 * @param model architecture
 * @param optimizer the contender's optimizer
 * @param epochs number of epochs, or 0 when {@code steps} is used
 * @param steps number of optimizer steps, or 0 when {@code epochs} is used
 * @param batchSize samples per step
 * @param initSeed seed of the initial weights ({@link org.lookaheadlab.lab.model.InitialWeights})
 * @param shuffleSeed seed of the data order; epoch e uses the permutation drawn from {@code (shuffleSeed, e)}
 * @param contiguousBatches when true, no shuffling: step t uses rows {@code [(t·B) mod N, +B)} (the mnist1d
 *     benchmark protocol)
 * @param gradClip maximum global L2 norm of the gradient, or 0 for no clipping
 * @param evalWeights evaluate on the optimizer's evaluation weights (slow weights, an average, schedule-free's
 *     x), swapped back exactly afterwards
 * @param evalEachEpoch evaluate after every epoch; when false only after the last step
 * @param dtype float32 (default) or float64
 * @param checkpointDir folder for {@code checkpoint.bin} (written after every evaluated epoch), or null
 * @param resume continue from the checkpoint in {@code checkpointDir} when one exists
 * @param initialWeights a snapshot to start from instead of drawing one from {@code initSeed}, or null
 * @param evalEvery also evaluate every this many steps (0: at epoch ends only), for finer curves
 * @param validationOnly each evaluation measures the validation split only (the test split when there is none)
 *     and leaves the train and test metrics NaN: for tuning trials, whose value and reports are validation losses
 *     (measuring the train and test splits too took more time than training the trial itself, see {@code
 *     compare}'s README section)
 */
public record TrainSpec(
        ModelSpec model,
        OptimizerSpec optimizer,
        int epochs,
        long steps,
        int batchSize,
        long initSeed,
        long shuffleSeed,
        boolean contiguousBatches,
        double gradClip,
        boolean evalWeights,
        boolean evalEachEpoch,
        DataType dtype,
        Path checkpointDir,
        boolean resume,
        byte[] initialWeights,
        long evalEvery,
        boolean validationOnly) {

    public TrainSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        if ((epochs > 0) == (steps > 0) || epochs < 0 || steps < 0) {
            throw new IllegalArgumentException("epochs is " + epochs + " and steps is " + steps
                    + ", accepted: exactly one of them >= 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size is " + batchSize + ", accepted range: >= 1");
        }
        if (!(gradClip >= 0) || Double.isInfinite(gradClip)) {
            throw new IllegalArgumentException(
                    "grad clip is " + gradClip + ", accepted range: a finite number > 0 (0 = no clipping)");
        }
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT64) {
            throw new IllegalArgumentException("dtype is " + dtype + ", accepted: float32, float64");
        }
        if (evalWeights && !optimizer.hasSlowWeights()) {
            throw new IllegalArgumentException("eval-weights is set but " + optimizer.label()
                    + " has no evaluation (slow) weights, accepted only with " + withSlowWeights());
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("eval-every is " + evalEvery + ", accepted range: >= 1 (0: once per epoch)");
        }
        if (resume && checkpointDir == null) {
            throw new IllegalArgumentException("resume is set but checkpointDir is null, accepted: a folder");
        }
    }

    /**
     * Which weights the metrics are measured on: {@code training weights}, or e.g.
     * {@code evaluation weights of EMA} (the outermost optimizer of the chain that keeps them).
     */
    public String evaluatedOn() {
        if (!evalWeights) {
            return "training weights";
        }
        return optimizer.chain().stream().filter(s -> s.record().hasSlowWeights()).findFirst()
                .map(s -> "evaluation weights of " + s.record().displayName()).orElse("training weights");
    }

    /** The display names of the registry's optimizers that keep evaluation weights, e.g. "Ranger, Lookahead". */
    public static String withSlowWeights() {
        return String.join(", ", Registry.optimizers().stream().filter(OptimizerRecord::hasSlowWeights)
                .map(OptimizerRecord::displayName).toList());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this spec. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.optimizer = optimizer;
        b.epochs = epochs;
        b.steps = steps;
        b.batchSize = batchSize;
        b.initSeed = initSeed;
        b.shuffleSeed = shuffleSeed;
        b.contiguousBatches = contiguousBatches;
        b.gradClip = gradClip;
        b.evalWeights = evalWeights;
        b.evalEachEpoch = evalEachEpoch;
        b.dtype = dtype;
        b.checkpointDir = checkpointDir;
        b.resume = resume;
        b.initialWeights = initialWeights;
        b.evalEvery = evalEvery;
        b.validationOnly = validationOnly;
        return b;
    }

    /** Builder; defaults: mlp, 10 epochs, batch 100, seeds 0, no clipping, float32, evaluate every epoch. */
    public static final class Builder {
        private ModelSpec model = ModelSpec.of("mlp");
        private OptimizerSpec optimizer;
        private int epochs = 10;
        private long steps;
        private int batchSize = 100;
        private long initSeed;
        private long shuffleSeed;
        private boolean contiguousBatches;
        private double gradClip;
        private boolean evalWeights;
        private boolean validationOnly;
        private boolean evalEachEpoch = true;
        private long evalEvery;
        private DataType dtype = DataType.FLOAT32;
        private Path checkpointDir;
        private boolean resume;
        private byte[] initialWeights;

        private Builder() {}

        public Builder model(String name) {
            this.model = ModelSpec.parse(name);
            return this;
        }

        public Builder model(ModelSpec spec) {
            this.model = spec;
            return this;
        }

        public Builder optimizer(OptimizerSpec spec) {
            this.optimizer = spec;
            return this;
        }

        /** Train for {@code n} epochs (clears steps). */
        public Builder epochs(int n) {
            this.epochs = n;
            this.steps = 0;
            return this;
        }

        /** Train for {@code n} optimizer steps (clears epochs). */
        public Builder steps(long n) {
            this.steps = n;
            this.epochs = 0;
            return this;
        }

        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Builder initSeed(long seed) {
            this.initSeed = seed;
            return this;
        }

        public Builder shuffleSeed(long seed) {
            this.shuffleSeed = seed;
            return this;
        }

        /** Sets both the init seed and the shuffle seed. */
        public Builder seed(long seed) {
            return initSeed(seed).shuffleSeed(seed);
        }

        public Builder contiguousBatches(boolean on) {
            this.contiguousBatches = on;
            return this;
        }

        public Builder gradClip(double maxNorm) {
            this.gradClip = maxNorm;
            return this;
        }

        public Builder evalWeights(boolean on) {
            this.evalWeights = on;
            return this;
        }

        public Builder evalEachEpoch(boolean on) {
            this.evalEachEpoch = on;
            return this;
        }

        public Builder dtype(DataType type) {
            this.dtype = type;
            return this;
        }

        public Builder checkpointDir(Path dir) {
            this.checkpointDir = dir;
            return this;
        }

        public Builder resume(boolean on) {
            this.resume = on;
            return this;
        }

        public Builder initialWeights(byte[] snapshot) {
            this.initialWeights = snapshot;
            return this;
        }

        public TrainSpec build() {
            return new TrainSpec(model, optimizer, epochs, steps, batchSize, initSeed, shuffleSeed,
                    contiguousBatches, gradClip, evalWeights, evalEachEpoch, dtype, checkpointDir, resume,
                    initialWeights, evalEvery, validationOnly);
        }

        /** Measure the validation split only at each evaluation (train and test metrics NaN): tuning trials. */
        public Builder validationOnly(boolean on) {
            this.validationOnly = on;
            return this;
        }

        /** Also evaluate every {@code n} steps (0: at epoch ends only). */
        public Builder evalEvery(long n) {
            this.evalEvery = n;
            return this;
        }
    }
}
