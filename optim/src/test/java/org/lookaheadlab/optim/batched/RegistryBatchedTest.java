package org.lookaheadlab.optim.batched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lookaheadlab.optim.spec.OptimizerRecord;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Registry;
import org.lookaheadlab.optim.spec.ScheduleRecord;

/**
 * Every registry record, batched: R = 3 runs with hyperparameters drawn inside the record's ranges ({@link
 * SpecDraw}; a wrapper around a drawn Adam), 100 steps of {@link RunsProblem} in float64, the batched weights and
 * evaluation weights of each run equal to that run's solo optimizer to 1e-10 relative. A new record without a
 * batched rule fails here. The same for every learning-rate schedule, each run with its own.
 */
class RegistryBatchedTest {

    static Stream<String> records() {
        return Registry.optimizers().stream().map(OptimizerRecord::name);
    }

    static Stream<String> bases() {
        return Registry.bases().stream().map(OptimizerRecord::name);
    }

    static Stream<String> schedules() {
        return Registry.schedules().stream().map(ScheduleRecord::name);
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyRecordBatchesAsItsRunsAlone(String name) {
        List<OptimizerSpec> specs = new SpecDraw(name.hashCode()).specs(Registry.optimizer(name), 3);
        assertEquals(3, new HashSet<>(specs).size(), "the runs' specs differ: " + specs);
        BatchedEquivalenceTest.assertMatchesSolo(specs, 100);
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void everyScheduleBatchesAsItsRunsAlone(String name) {
        List<OptimizerSpec> specs = new SpecDraw(name.hashCode()).scheduled(Registry.schedule(name), 3);
        assertEquals(3, new HashSet<>(specs).size(), "the runs' specs differ: " + specs);
        BatchedEquivalenceTest.assertMatchesSolo(specs, 100);
    }

    /**
     * Every base optimizer's state restarting per run: lookahead(base, innerState=reset) with each run's own k, so
     * that the runs reset at different steps (first-step rules, accumulators, schedule-free's z start over).
     */
    @ParameterizedTest
    @MethodSource("bases")
    void everyBaseResetsPerRun(String name) {
        List<OptimizerSpec> bases = new SpecDraw(name.hashCode() + 11L).specs(Registry.optimizer(name), 3);
        List<OptimizerSpec> specs = new java.util.ArrayList<>();
        for (int r = 0; r < bases.size(); r++) {
            specs.add(OptimizerSpec.wrap("lookahead", bases.get(r), java.util.Map.of("k", 3 + 2 * r,
                    "innerState", "reset", "alpha", 0.6)));
        }
        BatchedEquivalenceTest.assertMatchesSolo(specs, 100);
    }
}
