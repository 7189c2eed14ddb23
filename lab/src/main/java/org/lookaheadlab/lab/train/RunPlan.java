package org.lookaheadlab.lab.train;

/**
 * The schedule of one run, shared by {@link FairTrainer} and {@link BatchedTrainer}: how many steps, which rows
 * each step reads, after which steps the run is evaluated, and how its end is described. A pure function of the
 * spec and the training set's size, so that a solo run and the same run in a batch take exactly the same path.
 */
final class RunPlan {

    private final TrainSpec spec;
    private final int trainSize;
    final long stepsPerEpoch;
    final long totalSteps;

    RunPlan(TrainSpec spec, int trainSize) {
        this.spec = spec;
        this.trainSize = trainSize;
        this.stepsPerEpoch = BatchOrder.stepsPerEpoch(trainSize, spec.batchSize());
        this.totalSteps = FairTrainer.totalSteps(spec, trainSize);
    }

    /** The 0-based epoch that step {@code step} (0-based: the number of steps done before it) belongs to. */
    int epochOf(long step) {
        return (int) (step / stepsPerEpoch);
    }

    /**
     * The first row step {@code step} reads: of the training set itself for contiguous batches
     * ({@code (t·B) mod N}), else of the epoch's permuted copy ({@code (t mod stepsPerEpoch)·B}).
     */
    int batchStart(long step) {
        return spec.contiguousBatches() ? (int) ((step * spec.batchSize()) % trainSize)
                : (int) ((step % stepsPerEpoch) * spec.batchSize());
    }

    /** One past the last row of the batch starting at {@code start}: {@code min(start + B, N)}. */
    int batchEnd(int start) {
        return Math.min(start + spec.batchSize(), trainSize);
    }

    /**
     * Whether the run is evaluated once {@code stepsDone} steps are done: at epoch ends (every epoch, or only the
     * last with {@code evalEachEpoch} off), at the last step, and every {@code evalEvery} steps.
     */
    boolean evaluatesAfter(long stepsDone) {
        boolean epochEnd = stepsDone % stepsPerEpoch == 0 || stepsDone == totalSteps;
        boolean extra = spec.evalEvery() > 0 && stepsDone % spec.evalEvery() == 0;
        return (epochEnd && (spec.evalEachEpoch() || stepsDone == totalSteps)) || extra;
    }

    /** The 1-based epoch reported once {@code stepsDone} steps are done (a partial epoch counts). */
    int reportedEpoch(long stepsDone) {
        return (int) ((stepsDone + stepsPerEpoch - 1) / stepsPerEpoch);
    }

    /** The message of a run that did all its steps, e.g. {@code completed 20 epochs (4000 steps)}. */
    String completedMessage() {
        String what = spec.epochs() > 0 ? spec.epochs() + " epochs (" + totalSteps + " steps)" : totalSteps + " steps";
        return "completed " + what;
    }

    /** The message of a run whose loss at step {@code stepsDone} (1-based) was {@code loss}, not finite. */
    String divergedMessage(long stepsDone, double loss) {
        String what = Double.isNaN(loss) ? "NaN" : (loss > 0 ? "+Inf" : "-Inf");
        return "diverged at epoch " + reportedEpoch(stepsDone) + " step " + stepsDone + " (loss " + what + ")";
    }
}
