package org.lookaheadlab.lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * {@link Evaluation} of every run of a batched model at once: the same rows {@code (1, chunk, sample...)} go to
 * all R runs, and each run's mean softmax cross-entropy and accuracy are accumulated chunk by chunk as
 * {@link Evaluation#of} does for one model (chunk mean × chunk size, summed, divided by the data size), in chunks
 * of the same 1000 rows whatever R is, so that a run's metrics do not depend on the batch it is in.
 */
final class BatchedEvaluation {

    /** Rows per chunk, as {@link Evaluation}'s: a run's metrics do not depend on the batch it is in. */
    private static final int CHUNK = 1000;

    private BatchedEvaluation() {}

    /** One {@link Evaluation} per run of {@code block} ({@code runs} runs) over {@code data}, inference mode. */
    @SuppressWarnings("try") // the scope frees each chunk's arrays
    static Evaluation[] of(Block block, ParameterStore store, TensorData data, int runs) {
        double[] lossSum = new double[runs];
        long[] correct = new long[runs];
        for (int start = 0; start < data.size; start += CHUNK) {
            int end = Math.min(start + CHUNK, data.size);
            try (NDScope scope = new NDScope()) {
                NDIndex rows = new NDIndex().addSliceDim(start, end);
                NDArray x = data.features.get(rows).expandDims(0);
                NDArray y = data.labels.get(rows).expandDims(0);
                NDArray logits = block.forward(store, new NDList(x), false).singletonOrThrow(); // (R, chunk, C)
                double[] meanLoss = BatchedTrainer.values(BatchedTrainer.meanCrossEntropy(logits, y));
                long[] hits = logits.argMax(2).eq(y).toType(DataType.INT64, false).sum(new int[] {1}).toLongArray();
                for (int r = 0; r < runs; r++) {
                    lossSum[r] += meanLoss[r] * (end - start);
                    correct[r] += hits[r];
                }
            }
        }
        Evaluation[] out = new Evaluation[runs];
        for (int r = 0; r < runs; r++) {
            out[r] = new Evaluation(lossSum[r] / data.size, (double) correct[r] / data.size);
        }
        return out;
    }
}
