package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Registry;

/**
 * The {@code --contender NAME=SPEC} text is the optimizer module's one spec syntax: the lab keeps no syntax of
 * its own, every nesting the builders allow is accepted, and a bad SPEC is one line naming what the registry
 * accepts.
 */
class ContenderSpecTextTest {

    private static OptimizerSpec only(String flag) {
        return CustomContenders.parse(List.of(flag), List.of()).get(0).optimizer();
    }

    @Test
    void contenderTextIsTheOptimizerSpecText() {
        for (String text : List.of("adam", "sgd(lr=0.01,momentum=0.9)", "lookahead(adam,k=10,alpha=0.8,innerState=reset)",
                "trajectory-lookahead(adam,k=6,m=2,alpha=0.5,points=spread)", "wtlr(adam,beta=0.3)",
                "lookahead(wtlr(adam,beta=0.3))", "wtlr(lookahead(adam))", "ranger")) {
            OptimizerSpec spec = only("c=" + text);
            assertEquals(OptimizerSpec.parse(text), spec, text);
            assertEquals(spec, OptimizerSpec.parse(spec.format()), "canonical text parses back: " + spec.format());
        }
    }

    @Test
    void nestingsTheOldLabSyntaxRefusedAreAccepted() {
        // the lab's own syntax refused these (wtlr had to wrap a base, lookahead had to be outermost)
        assertEquals("wtlr(lookahead(adam),beta=0.2)", only("c=wtlr(lookahead(adam),beta=0.2)").format());
        assertEquals("lookahead(trajectory-lookahead(adam))",
                only("c=lookahead(trajectory-lookahead(adam))").format());
    }

    @Test
    void presetContendersRoundTripThroughTheirText() {
        for (String preset : Presets.NAMES) {
            for (Contender c : Presets.get(preset).contenders()) {
                assertEquals(c.optimizer(), only(c.name() + "=" + c.optimizer().format()), preset + "/" + c.name());
            }
        }
    }

    @Test
    void badSpecsAreOneLineListingWhatTheRegistryAccepts() {
        assertBad("c=adamx", Registry.names(Registry.bases()));
        assertBad("c=adam(momentum=0.9)", "beta1");
        assertBad("c=lookahead(adam", "contender 'c'");
        assertBad("c=lookahead(adam,q=1)", "innerState");
        assertBad("c=lookahead(adam,alpha=2)", "alpha");
        assertBad("c=trajectory-lookahead(adam,k=2,m=3)", "m");
        assertBad("c=sgd(lr=-1)", "lr");
        assertBad("c=adam(lr=1,lr=2)", "lr");
    }

    private static void assertBad(String flag, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CustomContenders.parse(List.of(flag), List.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
