package org.lookaheadlab.optim.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.Quadratic;
import org.lookaheadlab.optim.base.Adam;
import org.lookaheadlab.optim.base.Sgd;

/** EMA and SWA: closed forms, the averaging schedule, the training weights untouched, the swap. */
@SuppressWarnings("try") // swap handles are used for their close() only
class AverageTest {

    private static Optimizer adam() {
        return Adam.builder().optLearningRate(0.05).build();
    }

    private static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, true).toDoubleArray();
    }

    @Test
    void emaWithDecayZeroIsTheInnerTrajectory() {
        try (Quadratic plain = new Quadratic(); Quadratic averaged = new Quadratic()) {
            Optimizer adam = adam();
            Ema ema = Ema.builder().setInner(adam()).optDecay(0).build();
            for (int t = 1; t <= 12; t++) {
                plain.step(adam, t);
                averaged.step(ema, t);
                assertArrayEquals(plain.values(), averaged.values(), "training weights, step " + t);
                for (String name : averaged.params.keySet()) {
                    assertArrayEquals(plain.values(name), values(ema.evaluationWeight(name).orElseThrow()),
                            name + " at step " + t);
                }
            }
        }
    }

    @Test
    void swaFromStepOneEveryStepIsTheRunningMeanOfTheTrajectory() {
        try (Quadratic q = new Quadratic()) {
            Swa swa = Swa.builder().setInner(adam()).build();
            double[] sum = new double[q.values().length];
            for (int t = 1; t <= 15; t++) {
                q.step(swa, t);
                double[] theta = q.values();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += theta[i];
                }
                double[] mean = new double[sum.length];
                for (int i = 0; i < sum.length; i++) {
                    mean[i] = sum[i] / t;
                }
                double[] average = concat(values(swa.evaluationWeight("w").orElseThrow()),
                        values(swa.evaluationWeight("b").orElseThrow()));
                assertArrayEquals(mean, average, 1e-14, "step " + t);
                assertEquals(t, swa.averagingUpdates("w"));
            }
        }
    }

    @Test
    void theScheduleStartsAtStartAndUpdatesEveryStepsAfterIt() {
        try (Quadratic q = new Quadratic()) {
            Ema ema = Ema.builder().setInner(adam()).optDecay(0.5).optStart(4).optEvery(3).build();
            assertTrue(ema.evaluationWeight("w").isEmpty(), "never updated");
            double[] expected = null;
            for (int t = 1; t <= 13; t++) {
                q.step(ema, t);
                double[] theta = q.values("w");
                if (t == 4) {
                    expected = theta;
                } else if (t > 4 && (t - 4) % 3 == 0) {
                    for (int i = 0; i < theta.length; i++) {
                        expected[i] += 0.5 * (theta[i] - expected[i]);
                    }
                }
                NDArray eval = ema.evaluationWeight("w").orElseThrow();
                if (t < 4) {
                    assertSame(q.params.get("w"), eval, "before start: the live weights");
                    assertEquals(0, ema.averagingUpdates("w"));
                } else {
                    assertArrayEquals(expected, values(eval), 1e-14, "step " + t);
                }
            }
            assertEquals(4, ema.averagingUpdates("w")); // steps 4, 7, 10, 13
        }
    }

    @Test
    void averagingNeverChangesTheTrainingWeights() {
        try (Quadratic plain = new Quadratic(DataType.FLOAT32); Quadratic ema = new Quadratic(DataType.FLOAT32);
                Quadratic swa = new Quadratic(DataType.FLOAT32)) {
            Optimizer adam = adam();
            Optimizer e = Ema.builder().setInner(adam()).optDecay(0.9).optStart(2).build();
            Optimizer s = Swa.builder().setInner(adam()).optStart(3).optEvery(2).build();
            for (int t = 1; t <= 10; t++) {
                plain.step(adam, t);
                ema.step(e, t);
                swa.step(s, t);
                EvaluationWeights.find(e).orElseThrow().swapIn().close();
                EvaluationWeights.find(s).orElseThrow().swapIn().close();
            }
            assertArrayEquals(plain.values(), ema.values());
            assertArrayEquals(plain.values(), swa.values());
        }
    }

    @Test
    void theSwapPutsTheAverageInTheModelAndTheTrainingWeightsBackExactly() {
        for (DataType dtype : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            try (Quadratic q = new Quadratic(dtype)) {
                Ema ema = Ema.builder().setInner(adam()).optDecay(0.8).build();
                for (int t = 1; t <= 6; t++) {
                    q.step(ema, t);
                }
                double[] training = q.values();
                double[] average = values(ema.evaluationWeight("w").orElseThrow());
                assertFalse(Arrays.equals(training, q.values("w")) && Arrays.equals(average, q.values("w")));
                try (EvaluationWeights.Swap swap = ema.swapIn()) {
                    assertArrayEquals(average, q.values("w"), dtype.toString());
                    swap.close();
                    swap.close(); // idempotent
                }
                assertArrayEquals(training, q.values(), dtype.toString());
            }
        }
    }

    @Test
    void averagesWrapAnyDjlOptimizer() {
        try (Quadratic q = new Quadratic(DataType.FLOAT32); Quadratic plain = new Quadratic(DataType.FLOAT32)) {
            Optimizer djl = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
            Optimizer djlPlain = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
            Swa swa = Swa.builder().setInner(djl).build();
            double[] sum = new double[12];
            for (int t = 1; t <= 5; t++) {
                q.step(swa, t);
                plain.step(djlPlain, t);
                double[] w = q.values("w");
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += w[i];
                }
            }
            assertArrayEquals(plain.values(), q.values());
            double[] mean = Arrays.stream(sum).map(x -> x / 5).toArray();
            assertArrayEquals(mean, values(swa.evaluationWeight("w").orElseThrow()), 1e-6);
        }
    }

    @Test
    void evaluationWeightsAreFoundOutermostFirstThroughTheChain() {
        Lookahead la = Lookahead.builder().setInner(Sgd.builder().build()).build();
        Ema ema = Ema.builder().setInner(la).build();
        WeightTrajectoryLR outer = WeightTrajectoryLR.builder().setInner(ema).build();
        assertSame(ema, EvaluationWeights.find(outer).orElseThrow());
        assertSame(la, EvaluationWeights.find(la).orElseThrow());
        assertTrue(EvaluationWeights.find(Sgd.builder().build()).isEmpty());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
