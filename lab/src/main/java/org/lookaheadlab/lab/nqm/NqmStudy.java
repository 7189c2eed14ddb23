package org.lookaheadlab.lab.nqm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every contender at every learning rate: the simulation on the engine ({@link NqmSimulation}) beside the closed
 * form ({@link NqmClosedForm}) over the same measured cycles and in the steady state.
 *
 * @param problem the NQM
 * @param contenders the methods
 * @param lrs the learning rates
 * @param steps inner steps per simulation
 * @param burnIn steps before the first measured point
 * @param chains independent chains per simulation
 * @param seed the random seed of the first simulation; the i-th (0-based, contender-major) uses seed + i, so the
 *     rows are independent checks of the closed form
 */
public record NqmStudy(NqmProblem problem, List<NqmContender> contenders, List<Double> lrs, long steps, long burnIn,
        int chains, long seed) {

    public NqmStudy {
        if (contenders.isEmpty() || lrs.isEmpty()) {
            throw new IllegalArgumentException("an NQM study needs at least one method and one learning rate");
        }
        contenders = List.copyOf(contenders);
        lrs = List.copyOf(lrs);
    }

    /**
     * One simulation against its closed form.
     *
     * @param contender the method
     * @param lr the learning rate
     * @param spec the optimizer's canonical spec text
     * @param measured mean loss over chains and measured cycles (NaN or ∞ if the chains diverged)
     * @param standardError its standard error
     * @param expected the closed form's expectation over the same cycles
     * @param steadyState the closed form's steady-state loss (∞ if it diverges)
     * @param firstCycle first measured cycle
     * @param lastCycle last measured cycle
     * @param seconds simulation wall time
     */
    public record Row(NqmContender contender, double lr, String spec, double measured, double standardError,
            double expected, double steadyState, long firstCycle, long lastCycle, double seconds) {

        /** (measured − expected) / standard error. */
        public double z() {
            return (measured - expected) / standardError;
        }
    }

    /** Runs every simulation, reporting each row as it is done. */
    public List<Row> run(Consumer<Row> progress) {
        List<Row> rows = new ArrayList<>();
        long index = 0;
        for (NqmContender c : contenders) {
            for (double lr : lrs) {
                CycleRule rule = c.rule(lr);
                NqmClosedForm form = new NqmClosedForm(problem, rule);
                NqmSimulation.Result r = NqmSimulation.run(problem, c.spec(lr), rule.k(), steps, burnIn, chains,
                        seed + index++);
                Row row = new Row(c, lr, c.spec(lr).format(), r.mean(), r.standardError(),
                        form.meanExpectedLoss(r.firstCycle(), r.lastCycle()), form.steadyStateLoss(),
                        r.firstCycle(), r.lastCycle(), r.seconds());
                rows.add(row);
                progress.accept(row);
            }
        }
        return rows;
    }
}
