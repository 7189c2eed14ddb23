package org.lookaheadlab.lab.train;

import org.lookaheadlab.optim.spec.OptimizerSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.ParameterList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;

/**
 * The per-epoch metrics are what PyTorch's {@code nn.CrossEntropyLoss} (mean over rows) and the arg-max accuracy
 * give, computed here by hand from the model's weights: logistic regression, so the logits are {@code W x + b}.
 * The test split has 2,500 rows, so the chunked evaluation (chunks of 1,000 plus a short one) must weight
 * its chunks by size. SGD at lr 1e-300 leaves the float64 weights exactly unchanged, so the evaluation after
 * the one step sees the initial weights.
 */
class EvaluationTest {

    @Test
    void lossAndAccuracyAreMeanCrossEntropyAndArgMaxAccuracyOverAllRows() {
        EngineThreads.set(1);
        DataSplits data = TestData.splits(60, 2_500, 5, 4, 17);
        List<double[]> weights = new ArrayList<>();
        TrainSpec spec = TrainSpec.builder().model("logistic").optimizer(OptimizerSpec.of("sgd", 1e-300)).steps(1)
                .batchSize(60).seed(2).dtype(DataType.FLOAT64).build();
        TrainResult result = new FairTrainer().train(data, spec, new TrainListener() {
            @Override
            public void onStart(ParameterList parameters, long firstStep, long totalSteps) {
                parameters.forEach(p -> weights.add(p.getValue().getArray().toDoubleArray()));
            }
        });
        double[] w = weights.get(0);
        double[] b = weights.get(1);
        EpochMetrics m = result.finalMetrics();
        double[] test = lossAndAccuracy(data.test(), w, b);
        double[] train = lossAndAccuracy(data.train(), w, b);
        assertEquals(test[0], m.testLoss(), 1e-12, "test loss");
        assertEquals(test[1], m.testAccuracy(), 0.0, "test accuracy");
        assertEquals(train[0], m.trainLoss(), 1e-12, "train loss");
        assertEquals(train[1], m.trainAccuracy(), 0.0, "train accuracy");
    }

    /** {mean over rows of logsumexp(z) − z_label, fraction of rows whose largest logit is the label}. */
    private static double[] lossAndAccuracy(LabeledData data, double[] w, double[] b) {
        int classes = b.length;
        int dim = w.length / classes;
        double lossSum = 0;
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            double[] x = data.features()[i];
            double[] z = new double[classes];
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                z[c] = b[c];
                for (int j = 0; j < dim; j++) {
                    z[c] += w[c * dim + j] * x[j];
                }
                if (z[c] > max) {
                    max = z[c];
                    best = c;
                }
            }
            double sumExp = 0;
            for (double v : z) {
                sumExp += Math.exp(v - max);
            }
            lossSum += max + Math.log(sumExp) - z[data.labels()[i]];
            correct += best == data.labels()[i] ? 1 : 0;
        }
        return new double[] {lossSum / data.size(), (double) correct / data.size()};
    }
}
