package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.Mnist1dConfig;
import org.lookaheadlab.lab.data.Mnist1dGenerator;
import org.lookaheadlab.lab.train.EngineThreads;
import org.lookaheadlab.lab.train.EpochMetrics;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;

/**
 * {@link Tuning#runInRounds}: the trials of a round are trained as one batch, yet every trial gets what its own
 * run gets alone — its value, its per-epoch reports, its divergence — and a round whose runs cannot share a batch
 * trains them one after the other instead.
 */
class TuningRoundsTest {

    private static final int EPOCHS = 3;
    private static DataSplits data;

    @BeforeAll
    static void generateData() {
        EngineThreads.set(1);
        data = Mnist1dGenerator.generate(Mnist1dConfig.builder().numSamples(300).build()).toSplits();
    }

    private static TrainSpec.Builder run() {
        return TrainSpec.builder().model("mlp:8").optimizer(OptimizerSpec.of("sgd")).batchSize(50).epochs(EPOCHS)
                .seed(0);
    }

    private static Study study() {
        return Study.builder().name("rounds").sampler(TpeSampler.builder().seed(3).nStartupTrials(3).build())
                .pruner(new NopPruner()).build();
    }

    private static Tuning tuning(SearchSpace space, Function<Map<String, Double>, TrainSpec> specFor,
            List<String> events) {
        StudyProtocol protocol = StudyProtocol.of(new DataSpec("mnist1d:num-samples=300", null), run().build(),
                ObjectiveMetric.FINAL_VAL_LOSS, space, "tpe", 3, "none", 4);
        return new Tuning(protocol, space, specFor, data, ObjectiveMetric.FINAL_VAL_LOSS, new Tuning.Listener() {
            @Override
            public void completed(int number, Map<String, Double> values, double value) {
                events.add(number + " complete");
            }

            @Override
            public void diverged(int number, Map<String, Double> values, String why) {
                events.add(number + " diverged");
            }
        });
    }

    /** SGD from lr 0.01 (learns) to 1000 (the loss overflows within the first epochs). */
    private static final SearchSpace WIDE = SearchSpace.parse("lr=1e-2:1e3:log");

    @Test
    void everyTrialOfARoundGetsWhatItsRunGetsAlone() {
        Study study = study();
        study.enqueueTrial(Map.of("lr", 1e3)); // its training loss turns NaN: the run diverges
        List<String> events = new ArrayList<>();
        Function<Map<String, Double>, TrainSpec> specFor =
                v -> run().optimizer(SearchSpace.apply(OptimizerSpec.of("sgd"), v)).build();
        int started = tuning(WIDE, specFor, events).runInRounds(study, 4, 40, 4);

        List<FrozenTrial> trials = study.trials();
        assertEquals(started, trials.size());
        assertEquals(4, study.trials(TrialState.COMPLETE).size());
        assertTrue(trials.get(0).failReason().startsWith(TrialDiverged.class.getName()), trials.get(0).failReason());
        assertEquals(trials.size(), events.size(), "the listener hears of every trial");
        assertTrue(trials.size() > 4, "some rounds are followed by a shorter one that makes up the failures");
        FairTrainer solo = new FairTrainer();
        for (FrozenTrial t : trials) {
            TrainResult alone = solo.train(data, specFor.apply(Map.of("lr", ((Number) t.params().get("lr"))
                    .doubleValue())), TrainListener.NONE);
            String what = "trial " + t.number() + " at lr " + t.params().get("lr");
            if (alone.diverged()) {
                assertEquals(TrialState.FAIL, t.state(), what);
                assertTrue(t.failReason().startsWith(TrialDiverged.class.getName() + ": "), t.failReason());
                assertTrue(t.failReason().contains(alone.message()), t.failReason() + " vs " + alone.message());
                continue;
            }
            double value = ObjectiveMetric.FINAL_VAL_LOSS.of(alone.history());
            if (!Double.isFinite(value)) { // trained to the end, but the validation loss overflowed
                assertEquals(TrialState.FAIL, t.state(), what);
                assertEquals("objective returned " + value, t.failReason(), what);
                continue;
            }
            assertEquals(TrialState.COMPLETE, t.state(), what);
            assertEquals(value, t.value(), 1e-4 * Math.max(1, Math.abs(value)), what); // float32: relative
            assertEquals(EPOCHS, t.intermediateValues().size(), what + ": one report per epoch");
            for (EpochMetrics m : alone.history()) {
                assertEquals(m.validationLoss(), t.intermediateValues().get(m.epoch()),
                        1e-4 * Math.max(1, Math.abs(m.validationLoss())), what + " epoch " + m.epoch());
            }
        }
    }

    @Test
    void aRoundWhoseRunsCannotShareABatchTrainsThemOneByOne() {
        Study study = study();
        // low learning rates get Adam, high ones SGD: a round mixes optimizers that no batch holds together
        SearchSpace space = SearchSpace.parse("lr=1e-3:1e-1:log");
        Function<Map<String, Double>, TrainSpec> specFor = v -> run().optimizer(SearchSpace.apply(
                OptimizerSpec.of(v.get("lr") < 1e-2 ? "adam" : "sgd"), v)).build();
        tuning(space, specFor, new ArrayList<>()).runInRounds(study, 5, 20, 5);

        List<FrozenTrial> trials = study.trials();
        assertEquals(5, trials.size());
        assertTrue(trials.stream().anyMatch(t -> (double) t.params().get("lr") < 1e-2)
                && trials.stream().anyMatch(t -> (double) t.params().get("lr") >= 1e-2), "both optimizers in the round");
        FairTrainer solo = new FairTrainer();
        for (FrozenTrial t : trials) {
            TrainResult alone = solo.train(data, specFor.apply(Map.of("lr", (double) t.params().get("lr"))),
                    TrainListener.NONE);
            assertEquals(TrialState.COMPLETE, t.state());
            assertEquals(ObjectiveMetric.FINAL_VAL_LOSS.of(alone.history()), t.value(), 0.0,
                    "trial " + t.number() + ": trained alone, exactly the solo run");
        }
    }
}
