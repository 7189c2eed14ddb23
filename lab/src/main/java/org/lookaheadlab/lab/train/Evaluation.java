package org.lookaheadlab.lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.lookaheadlab.lab.model.OwnLoss;

/**
 * Mean loss (softmax cross-entropy, or the model's own {@link OwnLoss}) and accuracy (NaN for a model with its
 * own loss) of a model over a whole data set, in inference mode (batch norm uses
 * its running statistics), in chunks so that memory does not depend on the data size.
 *
 * @param loss mean cross-entropy over all rows
 * @param accuracy fraction of rows whose arg-max logit is the label
 */
record Evaluation(double loss, double accuracy) {

    private static final int CHUNK = 1000;

    @SuppressWarnings("try") // the scope frees each chunk's arrays
    static Evaluation of(Block block, ParameterStore store, TensorData data, Loss lossFunction) {
        double lossSum = 0;
        long correct = 0;
        boolean classes = !(block instanceof OwnLoss); // a model with its own loss has no classes: accuracy NaN
        for (int start = 0; start < data.size; start += CHUNK) {
            int end = Math.min(start + CHUNK, data.size);
            try (NDScope scope = new NDScope()) {
                NDIndex rows = new NDIndex().addSliceDim(start, end);
                NDArray x = data.features.get(rows);
                NDArray y = data.labels.get(rows);
                NDArray logits = block.forward(store, new NDList(x), false).singletonOrThrow();
                double meanLoss = FairTrainer.scalar(lossFunction.evaluate(new NDList(y), new NDList(logits)));
                lossSum += meanLoss * (end - start);
                if (classes) {
                    correct += logits.argMax(1).eq(y).countNonzero().getLong();
                }
            }
        }
        return new Evaluation(lossSum / data.size, classes ? (double) correct / data.size : Double.NaN);
    }
}
