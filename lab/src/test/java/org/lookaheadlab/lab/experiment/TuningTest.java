package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.Mnist1dConfig;
import org.lookaheadlab.lab.data.Mnist1dGenerator;
import org.lookaheadlab.lab.train.EngineThreads;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.samplers.RandomSampler;

/**
 * The one tuning loop of {@code tune} and {@code compare}: its pruning rule (a run that reached its last epoch is
 * never pruned, whatever the pruner says), its protocol record, and its refusal of a study of other trials.
 */
class TuningTest {

    private static DataSplits data;

    @BeforeAll
    static void generateData() {
        EngineThreads.set(1);
        data = Mnist1dGenerator.generate(Mnist1dConfig.builder().numSamples(300).build()).toSplits();
    }

    private static final SearchSpace LR = SearchSpace.parse("lr=1e-3:1e-2:log");

    private static TrainSpec.Builder run() {
        return TrainSpec.builder().model("mlp:8").optimizer(OptimizerSpec.of("adam")).batchSize(50).seed(0);
    }

    private static StudyProtocol protocol(TrainSpec spec) {
        return StudyProtocol.of(new DataSpec("mnist1d:num-samples=300", null), spec, ObjectiveMetric.FINAL_VAL_LOSS,
                LR, null, 0, null);
    }

    /** A study whose pruner prunes every trial at every report it is asked about. */
    private static Study alwaysPruning() {
        return Study.builder().name("t").sampler(new RandomSampler(0)).pruner((study, trial) -> true).build();
    }

    private static List<String> tune(Study study, TrainSpec.Builder run, int trials) {
        List<String> events = new ArrayList<>();
        Tuning tuning = new Tuning(protocol(run.build()), LR,
                values -> run.optimizer(SearchSpace.apply(OptimizerSpec.of("adam"), values)).build(), data,
                ObjectiveMetric.FINAL_VAL_LOSS, new Tuning.Listener() {
                    @Override
                    public void completed(int number, Map<String, Double> values, double value) {
                        events.add(number + " complete");
                    }

                    @Override
                    public void pruned(int number, Map<String, Double> values, String why) {
                        events.add(number + " " + why);
                    }
                });
        tuning.run(study, trials, 3);
        return events;
    }

    @Test
    void aRunIsPrunedBeforeItsLastEpochButNeverAtIt() {
        Study study = alwaysPruning();
        assertEquals(List.of("0 pruned at epoch 1", "1 pruned at epoch 1", "2 pruned at epoch 1"),
                tune(study, run().epochs(3), 1), "an always-pruning pruner stops 3-epoch runs after epoch 1");
        assertTrue(study.trials().stream().allMatch(t -> t.state() == TrialState.PRUNED));

        Study oneEpoch = alwaysPruning();
        assertEquals(List.of("0 complete", "1 complete"), tune(oneEpoch, run().epochs(1), 2),
                "the only epoch is the last: the finished run is COMPLETE, not pruned");
        Study steps = alwaysPruning();
        assertEquals(List.of("0 complete"), tune(steps, run().steps(4), 1), "a run of steps that reached its end");
    }

    @Test
    void everyTrialRecordsItsProtocolAndAStudyOfOtherTrialsIsRefused() {
        Study study = Study.builder().name("p").sampler(new RandomSampler(0)).build();
        tune(study, run().epochs(1), 1);
        FrozenTrial t = study.trials().get(0);
        assertEquals(protocol(run().epochs(1).build()).text(), t.userAttrs().get(Tuning.PROTOCOL_ATTR));
        assertTrue(t.userAttrs().get(Tuning.PROTOCOL_ATTR).toString().startsWith(StudyProtocol.VERSION));

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> tune(study, run().epochs(2), 2));
        assertTrue(other.getMessage().contains("holds trials run with other settings")
                && other.getMessage().contains("epochs=2"), other.getMessage());
        assertEquals(1, study.trials().size(), "no trial was added");
    }

    @Test
    void aStudyOfAnEarlierVersionIsRefusedSayingSo() {
        Study study = Study.builder().name("old").sampler(new RandomSampler(0)).build();
        // what tune recorded before the one optimizer spec syntax: no version, the old optimizer text
        study.optimize(trial -> {
            trial.setUserAttr(Tuning.PROTOCOL_ATTR, "data=mnist1d model=mlp:8 optimizer=adam {lr=0.001} epochs=1");
            return 1.0;
        }, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tune(study, run().epochs(1), 2));
        assertTrue(e.getMessage().contains("earlier Lookahead Lab version"), e.getMessage());
        assertEquals(1, study.trials().size());
    }

    @Test
    void samplerAndPrunerNamesAreCheckedInOneLine() {
        assertEquals("sampler is 'grid', accepted: tpe, random",
                assertThrows(IllegalArgumentException.class, () -> Tuning.checkNames("grid", "none")).getMessage());
        assertEquals("pruner is 'hyperband', accepted: median, none",
                assertThrows(IllegalArgumentException.class, () -> Tuning.checkNames("tpe", "hyperband")).getMessage());
    }
}
