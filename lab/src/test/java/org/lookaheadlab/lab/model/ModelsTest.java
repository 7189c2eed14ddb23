package org.lookaheadlab.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

/** Parameter counts from specs/mnist1d.md §6.3 and the well-known ResNet-18 (CIFAR) count; output shapes. */
class ModelsTest {

    private static long trainableParameters(String name, long[] inputShape, int classes) {
        Block block = Models.create(name, inputShape, classes);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, InitialWeights.batchShape(inputShape));
            long n = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    n += p.getValue().getArray().size();
                }
            }
            return n;
        }
    }

    @Test
    void mnist1dBenchmarkModelsHaveThePublishedParameterCounts() {
        long[] mnist1d = {40};
        assertEquals(410, trainableParameters("logistic", mnist1d, 10));
        assertEquals(15_210, trainableParameters("mnist1d-mlp", mnist1d, 10));
        assertEquals(5_210, trainableParameters("cnn", mnist1d, 10));
        // per direction 18·1 + 18·6 + 18 + 18 = 162, two directions, then 480·10 + 10
        assertEquals(5_134, trainableParameters("gru", mnist1d, 10));
        // 40·100 + 100 + 100·10 + 10
        assertEquals(5_110, trainableParameters("mlp", mnist1d, 10));
        assertEquals(40 * 200 + 200 + 200 * 50 + 50 + 50 * 10 + 10, trainableParameters("mlp:200,50", mnist1d, 10));
    }

    @Test
    void resnet18HasTheCifarParameterCount() {
        // torchvision-style CIFAR ResNet-18 (3x3 stem, no max-pool), 10 classes: 11,173,962 parameters
        assertEquals(11_173_962, trainableParameters("resnet18", new long[] {3, 32, 32}, 10));
    }

    @Test
    void everyModelMapsABatchToLogits() {
        for (String name : new String[] {"logistic", "mlp", "mnist1d-mlp", "cnn", "gru"}) {
            Block block = Models.create(name, new long[] {40}, 10);
            try (NDManager m = NDManager.newBaseManager()) {
                block.initialize(m, DataType.FLOAT32, new Shape(1, 40));
                NDArray out = block.forward(new ParameterStore(m, false),
                        new NDList(m.ones(new Shape(7, 40))), false).singletonOrThrow();
                assertArrayEquals(new long[] {7, 10}, out.getShape().getShape(), name);
            }
        }
    }

    @Test
    void unknownModelNamesAreRejectedWithTheAcceptedList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.create("transformer", new long[] {40}, 10));
        assertEquals("model 'transformer' is unknown, accepted: logistic, mlp, mnist1d-mlp, cnn, gru, resnet18, nqm",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("mlp:0"));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("cnn:10"));
        IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
                () -> Models.create("gru", new long[] {3, 32, 32}, 10));
        assertEquals("model gru reads each sample as a sequence: sample shape is [3, 32, 32], accepted: one "
                + "dimension (e.g. [40])", image.getMessage());
        assertEquals("mlp:200,50", ModelSpec.parse("mlp:200,50").toString());
    }
}
