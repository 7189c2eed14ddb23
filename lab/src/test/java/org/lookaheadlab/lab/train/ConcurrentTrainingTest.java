package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.ParameterList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * Runs trained on several threads of one JVM at once give exactly what the same runs give one after another
 * (DJL's own gradient collector refuses a second one per JVM; {@link ThreadGradientCollector} does not).
 */
class ConcurrentTrainingTest {

    @BeforeAll
    static void singleThreaded() {
        EngineThreads.set(1);
    }

    private static final DataSplits DATA = TestData.splits(300, 100, 8, 3, 17);

    private static List<TrainSpec> specs() {
        TrainSpec.Builder base = TrainSpec.builder().model("mlp:16").epochs(3).batchSize(20).seed(3);
        return List.of(
                base.optimizer(OptimizerSpec.of("adam", 1e-2)).build(),
                base.optimizer(OptimizerSpec.parse("trajectory-lookahead(adam(lr=0.02),k=5,m=3)")).build(),
                base.optimizer(OptimizerSpec.parse("sgd(lr=0.1,momentum=0.9)")).gradClip(0.5).build(),
                base.optimizer(OptimizerSpec.parse("lookahead(adam(lr=0.01))")).dtype(DataType.FLOAT64).build(),
                base.optimizer(OptimizerSpec.of("adam", 1e-2)).seed(4).build(),
                base.optimizer(OptimizerSpec.parse("ema(adam(lr=0.01),decay=0.9)")).evalWeights(true).build());
    }

    @Test
    void runsOnFourThreadsAtOnceEqualTheSameRunsOneByOne() throws Exception {
        List<TrainSpec> specs = specs();
        List<TrainResult> alone = new ArrayList<>();
        for (TrainSpec s : specs) {
            alone.add(new FairTrainer().train(DATA, s, TrainListener.NONE));
        }
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<TrainResult>> together = new ArrayList<>();
        try {
            for (TrainSpec s : specs) {
                together.add(pool.submit(() -> {
                    start.await();
                    return new FairTrainer().train(DATA, s, new TrainListener() {
                        @Override
                        public void onStart(ParameterList parameters, long firstStep, long totalSteps) {
                            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
                        }

                        @Override
                        public void onStep(long step, long totalSteps, double loss) {
                            if (step == totalSteps) {
                                active.decrementAndGet();
                            }
                        }
                    });
                }));
            }
            start.countDown();
            for (int i = 0; i < specs.size(); i++) {
                TrainResult a = alone.get(i);
                TrainResult t = together.get(i).get(2, TimeUnit.MINUTES);
                assertEquals(TrainStatus.COMPLETED, t.status(), specs.get(i).optimizer().label());
                assertArrayEquals(a.finalParameters(), t.finalParameters(), specs.get(i).optimizer().label());
                assertEquals(losses(a), losses(t), specs.get(i).optimizer().label());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(mostActive.get() >= 2, "the runs never overlapped (at most " + mostActive.get() + " at once)");
    }

    private static List<Double> losses(TrainResult r) {
        List<Double> out = new ArrayList<>();
        for (EpochMetrics m : r.history()) {
            out.add(m.trainLoss());
            out.add(m.validationLoss());
            out.add(m.testLoss());
            out.add(m.testAccuracy());
        }
        return out;
    }
}
