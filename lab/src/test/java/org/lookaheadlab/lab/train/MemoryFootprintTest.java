package org.lookaheadlab.lab.train;

import org.lookaheadlab.optim.spec.OptimizerSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;

/** 10,000 training steps do not grow the number of live engine arrays (no per-step leak). */
class MemoryFootprintTest {

    /** Small models: one intra-op thread is fast and immune to busy cores (see {@link EngineThreads}). */
    @org.junit.jupiter.api.BeforeAll
    static void singleThreaded() {
        EngineThreads.set(1);
    }

    @Test
    void liveArrayCountStaysFlatOverTenThousandSteps() {
        DataSplits data = TestData.splits(160, 40, 4, 2, 3);
        OptimizerSpec optimizer = OptimizerSpec.parse("lookahead(adam(lr=0.01),k=5,alpha=0.5)");
        TrainSpec spec = TrainSpec.builder().model("logistic").optimizer(optimizer).steps(10_000).batchSize(16)
                .seed(1).gradClip(1.0).evalEachEpoch(false).build();
        long[] counts = new long[3];
        new FairTrainer().train(data, spec, new TrainListener() {
            NDManager root;

            @Override
            public void onStart(ParameterList parameters, long firstStep, long totalSteps) {
                root = parameters.get(0).getValue().getArray().getManager().getParentManager();
            }

            @Override
            public void onStep(long step, long totalSteps, double loss) {
                if (step == 100) {
                    counts[0] = live(root);
                } else if (step == 5_000) {
                    counts[1] = live(root);
                } else if (step == 10_000) {
                    counts[2] = live(root);
                }
            }
        });
        assertEquals(1, EngineThreads.get());
        assertEquals(counts[0], counts[1], "live arrays after 100 vs 5,000 steps");
        assertEquals(counts[0], counts[2], "live arrays after 100 vs 10,000 steps");
    }

    /** Arrays attached to {@code manager} and all its sub-managers. */
    static long live(NDManager manager) {
        return manager.getManagedArrays().size();
    }
}
