package org.lookaheadlab.lab.nqm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * Our optimizers, run on the engine over many NQM chains ({@link NqmSimulation}), against the closed form
 * ({@link NqmClosedForm}): the measured mean loss lies within 4 standard errors of its exact expectation, both in
 * the transient from x₀ = 1 and in the steady state, for SGD, Lookahead and TrajectoryLookahead (last and spread
 * points). The same measurements are many standard errors away from the other methods' expectations, so the
 * check tells the methods apart.
 */
class NqmSimulationTest {

    private static final NqmProblem PROBLEM = new NqmProblem(new double[] {1.0, 0.5, 0.25, 0.125},
            new double[] {1.0, 0.5, 0.25, 0.125}, new double[] {1, 1, 1, 1});

    private static final List<String> SPECS = List.of(
            "sgd(lr=0.6)",
            "lookahead(sgd(lr=0.6),k=5,alpha=0.5)",
            "trajectory-lookahead(sgd(lr=0.6),k=5,m=3,alpha=0.5)",
            "trajectory-lookahead(sgd(lr=0.6),k=6,m=2,alpha=0.8,points=spread)");

    private static double z(NqmSimulation.Result r, NqmClosedForm f) {
        return (r.mean() - f.meanExpectedLoss(r.firstCycle(), r.lastCycle())) / r.standardError();
    }

    @Test
    void simulationAgreesWithTheClosedFormInTheTransientAndTheSteadyState() {
        for (String text : SPECS) {
            OptimizerSpec spec = OptimizerSpec.parse(text);
            CycleRule rule = CycleRule.of(spec);
            NqmClosedForm form = new NqmClosedForm(PROBLEM, rule);
            NqmSimulation.Result transient_ = NqmSimulation.run(PROBLEM, spec, rule.k(), 30, 0, 4000, 3);
            assertTrue(Math.abs(z(transient_, form)) < 4, text + " transient z = " + z(transient_, form));
            NqmSimulation.Result steady = NqmSimulation.run(PROBLEM, spec, rule.k(), 600, 300, 2000, 4);
            assertTrue(Math.abs(z(steady, form)) < 4, text + " steady z = " + z(steady, form));
            double relative = Math.abs(form.meanExpectedLoss(steady.firstCycle(), steady.lastCycle())
                    / form.steadyStateLoss() - 1);
            assertTrue(relative < 1e-6, text + " window not in the steady state: " + relative);
            assertTrue(steady.standardError() < 0.02 * steady.mean(), text + " se " + steady.standardError());
        }
    }

    @Test
    void theMeasurementsTellTheMethodsApart() {
        NqmSimulation.Result[] measured = new NqmSimulation.Result[SPECS.size()];
        NqmClosedForm[] forms = new NqmClosedForm[SPECS.size()];
        for (int i = 0; i < SPECS.size(); i++) {
            OptimizerSpec spec = OptimizerSpec.parse(SPECS.get(i));
            CycleRule rule = CycleRule.of(spec);
            forms[i] = new NqmClosedForm(PROBLEM, rule);
            // 30 cycles of every method: 30 steps of SGD, 150 / 150 / 180 of the others
            measured[i] = NqmSimulation.run(PROBLEM, spec, rule.k(), 30L * rule.k(), 15L * rule.k(), 2000, 5);
        }
        for (int i = 0; i < SPECS.size(); i++) {
            for (int j = 0; j < SPECS.size(); j++) {
                if (i != j) {
                    double zOther = (measured[i].mean() - forms[j].steadyStateLoss()) / measured[i].standardError();
                    assertTrue(Math.abs(zOther) > 4, SPECS.get(i) + " vs the closed form of " + SPECS.get(j)
                            + ": z = " + zOther);
                }
            }
        }
    }

    @Test
    void badSettingsAreOneClearError() {
        OptimizerSpec sgd = OptimizerSpec.parse("sgd(lr=0.1)");
        assertEquals("chains is 1, accepted range: >= 2", assertThrows(IllegalArgumentException.class,
                () -> NqmSimulation.run(PROBLEM, sgd, 1, 10, 0, 1, 1)).getMessage());
        assertEquals("steps is 10 with burn-in 10, accepted: 0 <= burn-in < steps",
                assertThrows(IllegalArgumentException.class,
                        () -> NqmSimulation.run(PROBLEM, sgd, 1, 10, 10, 4, 1)).getMessage());
        assertEquals("no sync point (a multiple of k = 5) lies in steps 7..9, accepted: steps - burn-in >= k",
                assertThrows(IllegalArgumentException.class,
                        () -> NqmSimulation.run(PROBLEM, sgd, 5, 9, 6, 4, 1)).getMessage());
    }
}
