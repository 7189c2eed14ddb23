package org.lookaheadlab.tune.samplers.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.Trial;
import org.lookaheadlab.tune.distributions.Distribution;
import org.lookaheadlab.tune.distributions.FloatDistribution;
import org.lookaheadlab.tune.pruners.NopPruner;

class TpeSamplerTest {

    private static Study study(TpeSampler s) {
        return Study.builder().name("t").sampler(s).pruner(new NopPruner()).build();
    }

    @Test
    void relativeSpaceIsTheIntersectionOfFinishedTrialsWithoutSingles() {
        TpeSampler sampler = new TpeSampler(1);
        Study s = study(sampler);
        s.optimize(t -> {
            t.suggestFloat("a", 0, 1);
            t.suggestFloat("b", 0, t.number() < 2 ? 1 : 2); // range changes: dropped
            t.suggestFloat("fixed", 3, 3); // single: dropped
            if (t.number() == 1) {
                t.suggestFloat("c", 0, 1); // not in every trial: dropped
            }
            t.suggestInt("z", 1, 4);
            return 0;
        }, 3);
        Trial next = s.ask();
        Map<String, Distribution> space = sampler.inferRelativeSearchSpace(s, next);
        assertEquals(List.of("a", "z"), List.copyOf(space.keySet()), "sorted by name");
        assertEquals(new FloatDistribution(0, 1, false), space.get("a"));
    }

    @Test
    void afterStartupTpeConcentratesNearTheOptimum() {
        for (boolean multivariate : new boolean[] {true, false}) {
            Study s = study(TpeSampler.builder().seed(3).multivariate(multivariate).build());
            s.optimize(t -> {
                double x = t.suggestFloat("x", -10, 10);
                return (x - 2.5) * (x - 2.5);
            }, 60);
            List<FrozenTrial> late = s.trials().subList(40, 60);
            long near = late.stream().filter(t -> Math.abs((double) t.params().get("x") - 2.5) < 1.0).count();
            assertTrue(near >= 6, "random search would put 2 of 20 there; multivariate=" + multivariate + ": only " + near + " of the last 20 near 2.5");
            assertTrue(s.bestTrial().value() < 0.05, "best " + s.bestTrial().value());
        }
    }
}
