package org.lookaheadlab.lab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.lookaheadlab.lab.data.LabeledData;
import org.lookaheadlab.lab.model.InitialWeights;

/**
 * A {@link LabeledData} copied once into engine arrays: features {@code (N, sampleShape...)} in the run's dtype
 * and labels {@code (N)} as int64. Batches are slices or gathers of these, never rebuilt from Java arrays.
 */
final class TensorData implements AutoCloseable {

    final NDArray features;
    final NDArray labels;
    final int size;

    TensorData(NDArray features, NDArray labels, int size) {
        this.features = features;
        this.labels = labels;
        this.size = size;
    }

    static TensorData of(NDManager manager, LabeledData data, DataType dtype) {
        int n = data.size();
        int width = data.sampleSize();
        Shape sample = InitialWeights.batchShape(data.sampleShape());
        long[] dims = sample.getShape();
        dims[0] = n;
        Shape shape = new Shape(dims);
        NDArray x;
        if (dtype == DataType.FLOAT64) {
            double[] flat = new double[n * width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(data.features()[i], 0, flat, i * width, width);
            }
            x = manager.create(flat, shape);
        } else {
            float[] flat = new float[n * width];
            for (int i = 0; i < n; i++) {
                double[] row = data.features()[i];
                for (int j = 0; j < width; j++) {
                    flat[i * width + j] = (float) row[j];
                }
            }
            x = manager.create(flat, shape);
        }
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = data.labels()[i];
        }
        return new TensorData(x, manager.create(y), n);
    }

    @Override
    public void close() {
        features.close();
        labels.close();
    }
}
