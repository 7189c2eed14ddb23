package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.Mnist1dConfig;
import org.lookaheadlab.lab.data.Mnist1dGenerator;
import org.lookaheadlab.lab.data.ValidationSplit;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * {@link TrainSpec#validationOnly}: a tuning trial's evaluations measure the validation split only — the same
 * numbers as a full evaluation's, bit for bit, alone and batched — and leave the train and test metrics NaN; the
 * training itself is untouched. Without a validation split the test split serves, as in a full evaluation.
 */
class ValidationOnlyTest {

    private static DataSplits data;

    @BeforeAll
    static void generateData() {
        EngineThreads.set(1);
        data = ValidationSplit.holdOut(Mnist1dGenerator.generate(Mnist1dConfig.builder().numSamples(400).build())
                .toSplits(), 0.25);
    }

    private static TrainSpec.Builder run(long seed) {
        return TrainSpec.builder().model("mlp:16").optimizer(OptimizerSpec.parse("lookahead(adam,k=3)"))
                .batchSize(32).epochs(3).seed(seed);
    }

    private static void assertValidationOnly(List<EpochMetrics> full, List<EpochMetrics> only, String what) {
        assertEquals(full.size(), only.size(), what);
        for (int i = 0; i < full.size(); i++) {
            EpochMetrics f = full.get(i);
            EpochMetrics o = only.get(i);
            assertEquals(f.epoch(), o.epoch(), what);
            assertEquals(f.step(), o.step(), what);
            assertEquals(f.validationLoss(), o.validationLoss(), 0.0, what + " epoch " + f.epoch());
            assertEquals(f.validationAccuracy(), o.validationAccuracy(), 0.0, what + " epoch " + f.epoch());
            for (double unmeasured : new double[] {o.trainLoss(), o.trainAccuracy(), o.testLoss(), o.testAccuracy()}) {
                assertTrue(Double.isNaN(unmeasured), what + ": train and test are not measured");
            }
        }
    }

    @Test
    void aloneItMeasuresTheValidationSplitOnly() {
        FairTrainer trainer = new FairTrainer();
        TrainResult full = trainer.train(data, run(3).build(), TrainListener.NONE);
        TrainResult only = trainer.train(data, run(3).validationOnly(true).build(), TrainListener.NONE);
        assertValidationOnly(full.history(), only.history(), "solo");
        assertTrue(java.util.Arrays.equals(full.finalParameters(), only.finalParameters()), "the same training");

        DataSplits noValidation = DataSplits.trainTest(data.train(), data.test());
        TrainResult onTest = trainer.train(noValidation, run(3).validationOnly(true).build(), TrainListener.NONE);
        TrainResult fullOnTest = trainer.train(noValidation, run(3).build(), TrainListener.NONE);
        assertValidationOnly(fullOnTest.history(), onTest.history(), "test split as validation");
    }

    @Test
    void batchedItMeasuresTheValidationSplitOnlyAndRefusesAMixedBatch() {
        BatchedTrainer trainer = new BatchedTrainer();
        List<TrainResult> full = trainer.train(data, List.of(run(1).build(), run(2).build()));
        List<TrainResult> only = trainer.train(data, List.of(run(1).validationOnly(true).build(),
                run(2).validationOnly(true).build()));
        for (int r = 0; r < 2; r++) {
            assertValidationOnly(full.get(r).history(), only.get(r).history(), "batched run " + r);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(data,
                List.of(run(1).build(), run(2).validationOnly(true).build())));
        assertTrue(e.getMessage().contains("validation only"), e.getMessage());
    }
}
