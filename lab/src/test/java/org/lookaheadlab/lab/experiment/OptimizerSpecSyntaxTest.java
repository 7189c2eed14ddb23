package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.train.OptimizerSpec;
import org.lookaheadlab.lab.train.OptimizerSpec.LookaheadSettings;
import org.lookaheadlab.lab.train.OptimizerSpec.TrajectorySettings;

class OptimizerSpecSyntaxTest {

    private static final OptimizerSpec ADAM = OptimizerSpec.of("adam", 1e-3);

    @Test
    void plainOptimizersWithHyperparameters() {
        assertEquals(ADAM, OptimizerSpecSyntax.parse("adam"));
        assertEquals(OptimizerSpec.of("ranger", 1e-3), OptimizerSpecSyntax.parse("ranger"));
        assertEquals(OptimizerSpec.of("sgd", 1e-3).withHyper("momentum", 0.9),
                OptimizerSpecSyntax.parse("sgd(momentum=0.9)"));
        assertEquals(OptimizerSpec.of("adamw", 0.01).withHyper("amsgrad", true).withHyper("beta2", 0.99),
                OptimizerSpecSyntax.parse(" AdamW( lr = 1e-2 , amsgrad=true, beta2=0.99 ) "));
    }

    @Test
    void wrappersMapOntoTheSpecsSettings() {
        assertEquals(ADAM.withLookahead(new LookaheadSettings(5, 0.5, "none")),
                OptimizerSpecSyntax.parse("lookahead(adam,k=5,alpha=0.5)"));
        assertEquals(ADAM.withLookahead(new LookaheadSettings(5, 0.5, "none")), OptimizerSpecSyntax.parse("lookahead(adam)"),
                "defaults k=5, alpha=0.5");
        assertEquals(OptimizerSpec.of("sgd", 1e-3).withHyper("momentum", 0.9)
                        .withLookahead(new LookaheadSettings(10, 0.8, "reset")),
                OptimizerSpecSyntax.parse("lookahead(sgd(momentum=0.9), k=10, alpha=0.8, innerState=reset)"));
        assertEquals(ADAM.withTrajectory(new TrajectorySettings(5, 3, 1.0, "last")),
                OptimizerSpecSyntax.parse("trajectory-lookahead(adam,k=5,m=3)"));
        assertEquals(ADAM.withTrajectory(new TrajectorySettings(6, 2, 0.5, "spread", "pullback")),
                OptimizerSpecSyntax.parse("trajectory-lookahead(adam,k=6,m=2,alpha=0.5,points=spread,innerState=pullback)"));
        assertEquals(ADAM.withWeightTrajectoryBeta(0.0), OptimizerSpecSyntax.parse("wtlr(adam)"));
        assertEquals(ADAM.withWeightTrajectoryBeta(0.3).withLookahead(5, 0.5),
                OptimizerSpecSyntax.parse("lookahead(wtlr(adam,beta=0.3))"));
    }

    @Test
    void badSpecsAreOneLineNamingProblemAndForms() {
        assertBad("", "optimizer spec is empty");
        assertBad("adamx", "optimizer 'adamx' is unknown, accepted:");
        assertBad("adam(momentum=0.9)", "adam has no hyperparameter 'momentum', accepted: ");
        assertBad("adam(momentum=0.9)", "beta1");
        assertBad("lookahead(adam", "expected ',' at the end (unbalanced parentheses?)");
        assertBad("lookahead(adam))", "unexpected ')'");
        assertBad("lookahead", "lookahead needs an inner optimizer first");
        assertBad("lookahead(adam,q=1)", "lookahead has no setting 'q', accepted: alpha, innerState, k");
        assertBad("lookahead(adam,k=x)", "lookahead k is 'x', accepted: an integer");
        assertBad("lookahead(adam,alpha=2)", "lookahead alpha is 2.0, accepted range: [0, 1]");
        assertBad("lookahead(lookahead(adam))", "lookahead must be the outermost wrapper");
        assertBad("wtlr(lookahead(adam))", "wtlr must wrap a base optimizer directly");
        assertBad("trajectory-lookahead(adam,k=2,m=3)", "trajectory length m is 3, accepted range: 1 <= m <= k = 2");
        assertBad("adam(wtlr)", "'adam' is not a wrapper (accepted wrappers: lookahead, trajectory-lookahead, wtlr), so 'wtlr' must be key=value");
        assertBad("adam(sgd)", "so 'sgd' must be key=value");
        assertBad("lookahed(adam)", "'lookahed' is not a wrapper");
        assertBad("sgd(lr=-1)", "lr is -1.0, accepted range: a finite number > 0");
        assertBad("adam(lr=1,lr=2)", "'lr' is given twice");
        assertBad("adam;sgd", "unexpected ';sgd'");
    }

    private static void assertBad(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerSpecSyntax.parse(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(OptimizerSpecSyntax.FORMS), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
