package org.lookaheadlab.tune.pruners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.Trial;
import org.lookaheadlab.tune.TrialPruned;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.samplers.RandomSampler;

class MedianPrunerTest {

    /** A study with 5 COMPLETE trials whose curves are 1/(step+1) + i·0.01 for steps 0..9. */
    private static Study studyWithGoodCurves(Pruner pruner, StudyDirection dir) {
        Study s = Study.builder().name("p").direction(dir).sampler(new RandomSampler(0)).pruner(pruner).build();
        double sign = dir == StudyDirection.MINIMIZE ? 1 : -1;
        for (int i = 0; i < 5; i++) {
            Trial t = s.ask();
            for (int step = 0; step < 10; step++) {
                t.report(sign * (1.0 / (step + 1) + i * 0.01), step);
            }
            s.tell(t, sign * (0.1 + i * 0.01));
        }
        return s;
    }

    @Test
    void prunesAClearlyBadCurveAndKeepsAGoodOne() {
        Study s = studyWithGoodCurves(new MedianPruner(), StudyDirection.MINIMIZE);
        s.optimize(t -> {
            boolean bad = t.number() == 5;
            for (int step = 0; step < 10; step++) {
                t.report(bad ? 10.0 + step : 0.5 / (step + 1), step);
                if (t.shouldPrune()) {
                    throw new TrialPruned();
                }
            }
            return 0.0;
        }, 2);
        assertEquals(TrialState.PRUNED, s.trials().get(5).state());
        assertEquals(0, s.trials().get(5).lastStep(), "pruned at the first step");
        assertEquals(10.0, s.trials().get(5).value());
        assertEquals(TrialState.COMPLETE, s.trials().get(6).state());
    }

    @Test
    void maximizeUsesTheMirroredPercentile() {
        Study s = studyWithGoodCurves(new MedianPruner(), StudyDirection.MAXIMIZE);
        Trial bad = s.ask();
        bad.report(-10, 0);
        assertTrue(bad.shouldPrune());
        Trial good = s.ask();
        good.report(5, 0);
        assertFalse(good.shouldPrune());
    }

    @Test
    void startupTrialsAndWarmupStepsProtect() {
        Study few = studyWithGoodCurves(new MedianPruner(6, 0, 1), StudyDirection.MINIMIZE);
        Trial t = few.ask();
        t.report(100, 0);
        assertFalse(t.shouldPrune(), "only 5 COMPLETE < 6 startup trials");

        Study warm = studyWithGoodCurves(new MedianPruner(5, 3, 1), StudyDirection.MINIMIZE);
        Trial w = warm.ask();
        for (int step = 0; step < 3; step++) {
            w.report(100, step);
            assertFalse(w.shouldPrune(), "step " + step + " < 3 warm-up steps");
        }
        w.report(100, 3);
        assertTrue(w.shouldPrune(), "step 3 == warm-up: first prunable step");
    }

    @Test
    void intervalChecksOnlyTheFirstReportOfEachWindow() {
        Study s = studyWithGoodCurves(new MedianPruner(5, 0, 3), StudyDirection.MINIMIZE);
        Trial t = s.ask();
        t.report(0.0, 0);
        assertFalse(t.shouldPrune());
        t.report(100, 1);
        assertFalse(t.shouldPrune(), "step 1 is inside the window opened at 0");
        t.report(100, 2);
        assertFalse(t.shouldPrune());
        t.report(100, 3);
        assertFalse(t.shouldPrune(), "best so far (0.0 at step 0) still beats the median");
        Trial u = s.ask();
        u.report(100, 3);
        assertTrue(u.shouldPrune(), "first report in window [3, 6)");
    }

    @Test
    void allNanValuesPrune() {
        Study s = studyWithGoodCurves(new MedianPruner(), StudyDirection.MINIMIZE);
        Trial t = s.ask();
        t.report(Double.NaN, 0);
        assertTrue(t.shouldPrune());
    }

    @Test
    void percentileInterpolatesLinearly() {
        assertEquals(2.5, PercentilePruner.percentile(new double[] {4, 1, 3, 2}, 50), 1e-12);
        assertEquals(1.75, PercentilePruner.percentile(new double[] {4, 1, 3, 2}, 25), 1e-12);
        assertEquals(4.0, PercentilePruner.percentile(new double[] {4, 1, 3, 2}, 100), 1e-12);
    }

    @Test
    void invalidSettingsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MedianPruner(-1, 0, 1));
        assertTrue(e.getMessage().contains("n_startup_trials=-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MedianPruner(5, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MedianPruner(5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MedianPruner(5, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new PercentilePruner(101, 5, 0, 1, 1));
    }
}
