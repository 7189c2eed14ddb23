package org.lookaheadlab.bench.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.Trial;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.RandomSampler;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one {@code ask} plus two suggestions (lr log-uniform in [1e-5, 1e-1], beta in [0, 1]) with the
 * default (multivariate) TPE when the study already holds 1,000 COMPLETE trials — the figure Optuna 5 needs
 * about 11 ms for on the 2-core reference machine.
 *
 * <p>Each iteration starts from a fresh study of exactly 1,000 COMPLETE trials; every measured trial is then
 * told FAIL, which TPE ignores, so the model always sees those 1,000 trials (the history list itself grows by
 * the few hundred measured FAIL trials of one short iteration).
 *
 * <p>Run: {@code mvn -Pbench -DskipTests package && java -jar bench/target/benchmarks.jar TpeAskBenchmark}
 * (add {@code -p storage=postgresql} for PostgreSQL).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class TpeAskBenchmark {

    /**
     * memory: InMemoryStorage; sqlite: an SQLite file in a temporary folder; postgresql (on request only,
     * {@code -p storage=postgresql}): the database named by env {@code LOOKAHEAD_BENCH_PG_URL}, else
     * {@code LOOKAHEAD_TEST_PG_URL} (see .ci/postgres.sh); each iteration uses a new study there.
     */
    @Param({"memory", "sqlite"})
    public String storage;

    private Path dir;
    private Storage store;
    private Study study;
    private int iteration;

    @Setup(Level.Iteration)
    public void fillStudy() throws IOException {
        closeStore();
        dir = Files.createTempDirectory("tpe-ask-bench");
        store = Storages.open(storageUrl());
        String name = "ask-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + iteration++;
        Study filler = Study.builder().name(name).storage(store).sampler(new RandomSampler(1))
                .pruner(new NopPruner()).build();
        filler.optimize(TpeAskBenchmark::objective, 1000);
        study = Study.builder().name(name).storage(store).loadIfExists(true).sampler(new TpeSampler(2))
                .pruner(new NopPruner()).build();
    }

    private String storageUrl() {
        return switch (storage) {
            case "memory" -> "memory";
            case "sqlite" -> "sqlite:" + dir.resolve("bench.db");
            case "postgresql" -> {
                String url = System.getenv("LOOKAHEAD_BENCH_PG_URL");
                if (url == null || url.isBlank()) {
                    url = System.getenv("LOOKAHEAD_TEST_PG_URL");
                }
                if (url == null || url.isBlank()) {
                    throw new IllegalStateException("storage=postgresql needs env LOOKAHEAD_BENCH_PG_URL or"
                            + " LOOKAHEAD_TEST_PG_URL (postgresql://user:password@host:port/db)");
                }
                yield url;
            }
            default -> throw new IllegalArgumentException("storage must be memory, sqlite or postgresql, got '"
                    + storage + "'");
        };
    }

    private static double objective(Trial t) {
        double lr = t.suggestFloat("lr", 1e-5, 1e-1, true);
        double beta = t.suggestFloat("beta", 0, 1);
        double a = Math.log10(lr) + 2.5;
        return a * a + (beta - 0.9) * (beta - 0.9);
    }

    @Benchmark
    public double askWithTwoSuggestions() {
        Trial t = study.ask();
        double lr = t.suggestFloat("lr", 1e-5, 1e-1, true);
        double beta = t.suggestFloat("beta", 0, 1);
        study.tell(t, TrialState.FAIL);
        return lr + beta;
    }

    @TearDown(Level.Iteration)
    public void closeStore() throws IOException {
        if (store != null) {
            store.close();
            store = null;
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dir = null;
        }
    }
}
