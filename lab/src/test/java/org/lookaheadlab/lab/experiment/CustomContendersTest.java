package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;

class CustomContendersTest {

    private static final SearchSpace LR = SearchSpace.parse("lr=1e-5:1e-1:log");

    @Test
    void contendersKeepFlagOrderAndGetTheDefaultSearch() {
        List<Contender> cs = CustomContenders.parse(List.of("adam=adam", "w=wtlr(adam)", "la=lookahead(adam)"), List.of());
        assertEquals(List.of("adam", "w", "la"), cs.stream().map(Contender::name).toList());
        assertEquals(new Contender("adam", OptimizerSpec.of("adam", 1e-3), LR), cs.get(0));
        assertEquals(SearchSpace.parse("lr=1e-5:1e-1:log,beta=0:1"), cs.get(1).search(), "beta searched with wtlr");
        assertEquals(LR, cs.get(2).search());
    }

    @Test
    void searchFlagReplacesTheDefaultOfItsContender() {
        List<Contender> cs = CustomContenders.parse(List.of("sgd=sgd(momentum=0.9)", "w=wtlr(adam)"),
                List.of("sgd:lr=1e-4:1:log,momentum=0.5:0.99", "w:beta=0:2"));
        assertEquals(SearchSpace.of(new SearchParam("lr", 1e-4, 1, true), new SearchParam("momentum", 0.5, 0.99, false)),
                cs.get(0).search());
        assertEquals(SearchSpace.of(new SearchParam("beta", 0, 2, false)), cs.get(1).search());
    }

    @Test
    void customExperimentDefaults() {
        Experiment e = CustomContenders.experiment(CustomContenders.parse(List.of("a=adam"), List.of()));
        Protocol p = e.protocol();
        assertEquals(List.of(5, 100, 20, 5), List.of(p.epochs(), p.batchSize(), p.trials(), p.seeds()));
        assertEquals(ObjectiveMetric.FINAL_VAL_LOSS, p.objective());
        assertEquals("mnist1d|val-split=0.2", e.data().label(), "the held-out split by default");
        assertEquals("mlp", e.model().name());
        assertNull(e.preset());
    }

    @Test
    void badFlagsAreOneLineNamingTheProblem() {
        assertBad(List.of(), List.of(), "no contender given, accepted form: --contender NAME=SPEC");
        assertBad(List.of("adam"), List.of(), "contender 'adam' has no NAME=");
        assertBad(List.of("a b=adam"), List.of(), "contender name 'a b' is not accepted");
        assertBad(List.of("a=adam", "a=sgd"), List.of(), "contender name 'a' is given twice");
        assertBad(List.of("a=nope"), List.of(), "unknown optimizer 'nope'; accepted: sgd, adam");
        assertBad(List.of("a=adam"), List.of("lr=1:2"), "search 'lr=1:2' has no NAME:, accepted form: --search NAME:");
        assertBad(List.of("a=adam"), List.of("b:lr=1:2"), "search 'b:lr=1:2' names no contender, accepted names: a");
        assertBad(List.of("a=adam"), List.of("a-lr=1:2"), "search 'a-lr=1:2' has no NAME:");
        assertBad(List.of("a=adam"), List.of("a:lr=1:x"), "search of contender 'a': search entry 'lr=1:x' has a bound");
        assertBad(List.of("a=adam"), List.of("a:beta=0:1"), "search of contender 'a': ");
        assertBad(List.of("a=adam"), List.of("a:beta=0:1"), "unknown hyperparameter 'beta' of adam; accepted: lr, ");
        assertBad(List.of("a=adam"), List.of("a:lr=1e-3:1e-1:log", "a:lr=1e-4:1e-1:log"),
                "search of contender 'a' is given twice");
    }

    private static void assertBad(List<String> contenders, List<String> searches, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CustomContenders.parse(contenders, searches));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
