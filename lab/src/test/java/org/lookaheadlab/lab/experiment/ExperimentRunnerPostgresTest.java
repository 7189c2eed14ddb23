package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.Mnist1dConfig;
import org.lookaheadlab.lab.data.Mnist1dGenerator;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.testkit.RequiredTests;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;

/**
 * {@code compare --storage postgresql://...}: the studies live in PostgreSQL and a second run resumes them. Needs
 * env LOOKAHEAD_TEST_PG_URL (set by {@code source .ci/postgres.sh}); fails without it under ./run-tests and CI,
 * else skips.
 */
class ExperimentRunnerPostgresTest {

    private static String url() {
        return RequiredTests.env("LOOKAHEAD_TEST_PG_URL", "run `source .ci/postgres.sh` before `mvn test`");
    }

    @Test
    void studiesResumeFromPostgres(@TempDir Path dir) {
        String url = url();
        DataSplits data = Mnist1dGenerator.generate(Mnist1dConfig.builder().numSamples(500).build()).toSplits();
        String name = "pg-test-" + System.currentTimeMillis();
        Experiment two = experiment(name, 2);
        List<TrialRecord> before;
        try (Storage s = Storages.open(url)) {
            before = new ExperimentRunner(two, data, s, "pg", dir, Progress.SILENT).run().baseline().trials();
        }
        try (Storage s = Storages.open(url)) {
            List<TrialRecord> after = new ExperimentRunner(experiment(name, 3), data, s, "pg", dir, Progress.SILENT)
                    .run().baseline().trials();
            assertEquals(3, after.size());
            assertEquals(before, after.subList(0, 2));
        }
    }

    private static Experiment experiment(String name, int trials) {
        Protocol p = new Protocol(1, 50, ObjectiveMetric.FINAL_VAL_LOSS, trials, "tpe", 1, 0, 2, List.of(), "none");
        return new Experiment(name, null, new DataSpec("mnist1d:num-samples=500", null), new ModelSpec("mlp", new int[] {8}), p,
                List.of(new Contender("adam", OptimizerSpec.of("adam", 1e-3), SearchSpace.parse("lr=1e-4:1e-1:log"))));
    }
}
