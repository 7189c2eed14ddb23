package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;

class PresetsTest {

    @Test
    void trajectoryLookaheadIsTheIssueProtocol() {
        Experiment e = Presets.get("trajectory-lookahead");
        Protocol p = e.protocol();
        assertEquals("mnist1d:num-samples=12500|val-split=0.2", e.data().label());
        assertEquals("mlp", e.model().name());
        assertEquals(1, e.model().hiddenSizes().length);
        assertEquals(List.of(5, 100, 20, 5), List.of(p.epochs(), p.batchSize(), p.trials(), p.seeds()));
        assertEquals(ObjectiveMetric.FINAL_VAL_LOSS, p.objective());
        assertEquals("tpe", p.sampler());
        assertEquals(List.of("adam", "trajectory-lookahead"), e.contenders().stream().map(Contender::name).toList());
        OptimizerSpec.Wrapper t = (OptimizerSpec.Wrapper) e.contenders().get(1).optimizer();
        assertEquals("trajectory-lookahead", t.name());
        assertEquals(List.of(5L, 3L, 1.0), List.of(t.values().get("k"), t.values().get("m"), t.values().get("alpha")));
        assertEquals(OptimizerSpec.of("adam"), t.inner());
        for (Contender c : e.contenders()) {
            assertEquals(List.of(new SearchParam("lr", 1e-5, 1e-1, true)), c.search().params());
        }
    }

    @Test
    void weightTrajectoryTunesLrAndBetaJointly() {
        Experiment e = Presets.get("weight-trajectory-lr");
        assertEquals(ObjectiveMetric.MIN_VAL_LOSS, e.protocol().objective());
        assertEquals(List.of(20, 30), List.of(e.protocol().epochs(), e.protocol().trials()));
        assertEquals(List.of("lr", "beta"), e.contenders().get(1).search().names());
        assertEquals(List.of("lr"), e.contenders().get(0).search().names());
        assertEquals(new DataSpec("mnist1d", 0.2), e.data(), "the default mnist1d, 20% held out");
        assertEquals(List.of(new SearchParam("lr", 1e-5, 1e-1, true), new SearchParam("beta", 0, 1, false)),
                e.contenders().get(1).search().params());
        assertEquals(OptimizerSpec.of("adam"), e.contenders().get(0).optimizer(), "the baseline is plain Adam");
        assertEquals(OptimizerSpec.parse("wtlr(adam)"), e.contenders().get(1).optimizer(), "WeightTrajectoryLR(Adam)");
        assertEquals(1, e.model().hiddenSizes().length, "MLP with one hidden layer");
    }

    @Test
    void lookaheadPaperHasSixContendersOnTheCnn() {
        Experiment e = Presets.get("lookahead-paper");
        assertEquals("cnn", e.model().name());
        assertEquals(List.of("sgd-momentum", "adam", "lookahead-sgd-momentum", "lookahead-adam", "radam", "ranger"),
                e.contenders().stream().map(Contender::name).toList());
        assertEquals(List.of("sgd", "adam", "sgd", "adam", "radam", "ranger"),
                e.contenders().stream().map(c -> c.optimizer().base().name()).toList());
        for (Contender c : e.contenders()) {
            // every contender has its learning rate, and only its learning rate, tuned on a log scale
            assertEquals(List.of("lr"), c.search().names(), c.name());
            assertTrue(c.search().params().get(0).log(), c.name());
            OptimizerSpec.Base base = c.optimizer().base();
            assertEquals(base.name().equals("sgd") ? 0.9 : null, base.hyperparameters().get("momentum"),
                    c.name() + ": SGD with momentum 0.9, the others without a momentum override");
            boolean wrapped = c.name().startsWith("lookahead-");
            assertEquals(wrapped ? OptimizerSpec.wrap("lookahead", base, Map.of("k", 5, "alpha", 0.5)) : base,
                    c.optimizer(), c.name() + ": Lookahead(k=5, α=0.5) exactly on the lookahead-* ones, nothing else");
        }
    }

    @Test
    void studyNamesChangeWithTheProtocolButNotWithTheBudget() {
        Experiment e = Presets.get("trajectory-lookahead");
        Contender adam = e.contenders().get(0);
        String name = e.studyName(adam);
        assertTrue(name.matches("trajectory-lookahead/adam@[0-9a-f]{8}"), name);
        assertEquals(name, e.withProtocol(e.protocol().withTrials(50).withSeeds(2)).studyName(adam));
        assertNotEquals(name, e.withProtocol(e.protocol().withEpochs(6)).studyName(adam));
        assertNotEquals(name, e.withData(new DataSpec("mnist1d", null)).studyName(adam));
        assertNotEquals(name, e.studyName(e.contenders().get(1)));
    }

    @Test
    void unknownPresetListsTheAcceptedNames() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Presets.get("adam-vs-sgd"));
        assertEquals("preset 'adam-vs-sgd' is unknown, accepted: trajectory-lookahead, weight-trajectory-lr, "
                + "lookahead-paper, averaging", ex.getMessage());
    }

    @Test
    void averagingComparesTheAveragingMethodsOnTheirOwnEvaluationWeights() {
        Experiment e = Presets.get("averaging");
        assertEquals(Presets.get("trajectory-lookahead").data(), e.data(), "seed 000's data");
        assertEquals(List.of("adam", "lookahead-adam", "trajectory-lookahead", "ema-adam", "swa-adam",
                "adamw-schedule-free"), e.contenders().stream().map(Contender::name).toList());
        assertEquals(List.of("adam", "lookahead(adam)", "trajectory-lookahead(adam)", "ema(adam,decay=0.99)",
                "swa(adam,start=301)", "adamw-schedule-free"),
                e.contenders().stream().map(c -> c.optimizer().format()).toList());
        for (Contender c : e.contenders()) {
            assertEquals(!c.name().equals("adam"), c.evalWeights(), c.name() + ": on its own evaluation weights");
            assertEquals(List.of("lr"), c.search().names());
        }
        assertEquals(List.of(5, 20), List.of(e.protocol().epochs(), e.protocol().trials()));
    }
}
