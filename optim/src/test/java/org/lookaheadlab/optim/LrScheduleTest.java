package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The schedules' closed forms at hand-picked steps (t = 1 is the first step, i = t − 1 steps done). */
class LrScheduleTest {

    @Test
    void constantIsConstant() {
        LrSchedule s = LrSchedule.constant(0.3);
        assertEquals(0.3, s.valueAt(1));
        assertEquals(0.3, s.valueAt(1_000_000));
        assertEquals(0.3, s.baseLr());
    }

    @Test
    void stepDecaysEveryStepSizeStepsLikeTorchStepLr() {
        LrSchedule s = LrSchedule.step(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int t = 1; t <= expected.length; t++) {
            assertEquals(expected[t - 1], s.valueAt(t), 1e-17, "t = " + t);
        }
        assertEquals(0.1, s.baseLr());
    }

    @Test
    void cosineFollowsTheFormulaAndHoldsTheMinimumAfterTheHorizon() {
        LrSchedule s = LrSchedule.cosine(1.0, 0.1, 4);
        assertEquals(1.0, s.valueAt(1), 1e-15);
        assertEquals(0.1 + 0.9 * (1 + Math.sqrt(0.5)) / 2, s.valueAt(2), 1e-15);
        assertEquals(0.55, s.valueAt(3), 1e-15);
        assertEquals(0.1 + 0.9 * (1 - Math.sqrt(0.5)) / 2, s.valueAt(4), 1e-15);
        assertEquals(0.1, s.valueAt(5), 1e-15);
        assertEquals(0.1, s.valueAt(500), 1e-15);
    }

    @Test
    void warmupRisesLinearlyThenAnnealsOverTheRemainingSteps() {
        LrSchedule s = LrSchedule.warmupCosine(0.4, 4, 0.0, 8);
        assertEquals(0.1, s.valueAt(1), 1e-15);
        assertEquals(0.2, s.valueAt(2), 1e-15);
        assertEquals(0.3, s.valueAt(3), 1e-15);
        assertEquals(0.4, s.valueAt(4), 1e-15);
        assertEquals(0.4, s.valueAt(5), 1e-15);
        assertEquals(0.4 * (1 + Math.sqrt(0.5)) / 2, s.valueAt(6), 1e-15);
        assertEquals(0.2, s.valueAt(7), 1e-15);
        assertEquals(0.0, s.valueAt(9), 1e-15);
        assertEquals(0.4, s.baseLr(), "AdaBound's lr0 is the peak, not the first warm-up value");
    }

    @Test
    void djlViewIsTheFloatOfTheDoubleValue() {
        LrSchedule s = LrSchedule.cosine(0.1, 0.0, 10);
        for (int t = 1; t <= 12; t++) {
            assertEquals((float) s.valueAt(t), s.getNewValue(t));
            assertEquals((float) s.valueAt(t), s.getNewValue("any", t));
        }
    }

    @Test
    void badSettingsNameTheFieldValueAndRange() {
        assertMessage("lr = 0.0 is out of range; accepted: (0, ∞)", () -> LrSchedule.constant(0));
        assertMessage("stepSize = 0 is out of range; accepted: [1, ∞)", () -> LrSchedule.step(0.1, 0, 0.5));
        assertMessage("gamma = 1.5 is out of range; accepted: (0, 1]", () -> LrSchedule.step(0.1, 2, 1.5));
        assertMessage("lrMin = 0.2 is out of range; accepted: [0, lr = 0.1]", () -> LrSchedule.cosine(0.1, 0.2, 5));
        assertMessage("totalSteps = 0 is out of range; accepted: [1, ∞)", () -> LrSchedule.cosine(0.1, 0, 0));
        assertMessage("warmupSteps = 5 is out of range; accepted: [1, totalSteps = 5)",
                () -> LrSchedule.warmupCosine(0.1, 5, 0, 5));
    }

    private static void assertMessage(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(expected, e.getMessage());
    }
}
