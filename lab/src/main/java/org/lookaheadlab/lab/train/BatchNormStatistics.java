package org.lookaheadlab.lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.lookaheadlab.optim.state.Tensors;

/**
 * Recomputes the batch-norm running statistics of a model for the weights it holds now, as torch's
 * {@code torch.optim.swa_utils.update_bn} does for averaged weights: one pass over the training data in training
 * mode, in its natural order and at the run's batch size, and every batch-norm layer's running mean and variance set
 * to the equal-weight average over those batches of the batch mean and the (unbiased) batch variance — torch's
 * {@code momentum = None} cumulative average. The statistics gathered on the training weights are restored exactly
 * when the returned handle is closed, so evaluating on averaged weights leaves training untouched.
 *
 * <p>How the batch statistics are read: DJL's batch norm updates its running statistics in a training-mode forward
 * as {@code r ← (1 − c)·r + c·s} with {@code c = 1 − momentum} (its {@code momentum} is the weight of the old
 * value); each layer's statistics are zeroed before a batch, so afterwards {@code s = r / c}.
 */
final class BatchNormStatistics {

    private BatchNormStatistics() {}

    /** The handle that puts the training statistics back. */
    interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    private static final Restore NOTHING = () -> {};
    private static final NDIndex ALL = new NDIndex("...");

    /** Whether {@code block} has batch-norm layers. */
    static boolean present(Block block) {
        return !layers(block).isEmpty();
    }

    /**
     * Recomputes the statistics of every batch-norm layer of {@code block} from {@code train}, batches of
     * {@code batchSize} rows; closing the result restores the statistics they had before. A model without batch norm
     * is left as it is.
     */
    @SuppressWarnings("try") // the scope frees each batch's arrays
    static Restore recompute(Block block, ParameterStore store, TensorData train, int batchSize) {
        List<Layer> layers = layers(block);
        if (layers.isEmpty()) {
            return NOTHING;
        }
        List<NDArray[]> saved = new ArrayList<>();
        List<NDArray[]> sums = new ArrayList<>();
        for (Layer l : layers) {
            saved.add(new NDArray[] {l.mean.duplicate(), l.var.duplicate()});
            sums.add(new NDArray[] {l.mean.zerosLike(), l.var.zerosLike()});
        }
        int batches = 0;
        for (int start = 0; start < train.size; start += batchSize) {
            int end = Math.min(start + batchSize, train.size);
            for (Layer l : layers) {
                l.mean.set(ALL, 0);
                l.var.set(ALL, 0);
            }
            try (NDScope scope = new NDScope()) {
                NDArray x = train.features.get(new NDIndex().addSliceDim(start, end));
                block.forward(store, new NDList(x), true);
            }
            for (int i = 0; i < layers.size(); i++) {
                Layer l = layers.get(i);
                sums.get(i)[0].addi(l.mean);
                sums.get(i)[1].addi(l.var);
            }
            batches++;
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            double scale = 1.0 / (l.update * batches);
            Tensors.copyInto(sums.get(i)[0].muli(scale), l.mean);
            Tensors.copyInto(sums.get(i)[1].muli(scale), l.var);
            closeAll(sums.get(i));
        }
        return () -> {
            for (int i = 0; i < layers.size(); i++) {
                Tensors.copyInto(saved.get(i)[0], layers.get(i).mean);
                Tensors.copyInto(saved.get(i)[1], layers.get(i).var);
                closeAll(saved.get(i));
            }
        };
    }

    /** One batch-norm layer: its running statistics and the weight {@code c} of a batch in their update. */
    private record Layer(NDArray mean, NDArray var, double update) {}

    private static List<Layer> layers(Block block) {
        List<Layer> out = new ArrayList<>();
        collect(block, out);
        return out;
    }

    private static void collect(Block block, List<Layer> out) {
        if (block instanceof BatchNorm bn) {
            NDArray mean = null;
            NDArray var = null;
            for (Pair<String, Parameter> p : bn.getParameters()) {
                if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                    mean = p.getValue().getArray();
                } else if (p.getValue().getType() == Parameter.Type.RUNNING_VAR) {
                    var = p.getValue().getArray();
                }
            }
            if (mean == null || var == null) {
                throw new IllegalStateException("batch-norm layer without running statistics: " + bn);
            }
            out.add(new Layer(mean, var, 1.0 - momentum(bn)));
            return;
        }
        block.getChildren().values().forEach(child -> collect(child, out));
    }

    /** DJL's batch-norm momentum (the weight of the old running value), which it keeps without a getter. */
    private static float momentum(BatchNorm bn) {
        try {
            Field f = BatchNorm.class.getDeclaredField("momentum");
            f.setAccessible(true);
            return f.getFloat(bn);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the momentum of DJL's BatchNorm (needed to recompute its"
                    + " running statistics on averaged weights); DJL version changed?", e);
        }
    }

    private static void closeAll(NDArray[] arrays) {
        for (NDArray a : arrays) {
            a.close();
        }
    }
}
