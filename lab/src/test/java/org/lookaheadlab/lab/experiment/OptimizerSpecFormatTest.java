package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.train.OptimizerSpec;
import org.lookaheadlab.lab.train.OptimizerSpec.LookaheadSettings;
import org.lookaheadlab.lab.train.OptimizerSpec.TrajectorySettings;

/** {@link OptimizerSpecSyntax#format}: the text a user can give back to {@code --contender}. */
class OptimizerSpecFormatTest {

    private static final OptimizerSpec ADAM = OptimizerSpec.of("adam", 1e-3);
    private static final OptimizerSpec SGDM = OptimizerSpec.of("sgd", 1e-2).withHyper("momentum", 0.9);

    @Test
    void formatsInTheContenderSyntax() {
        assertEquals("adam", OptimizerSpecSyntax.format(ADAM));
        assertEquals("sgd(lr=0.01,momentum=0.9)", OptimizerSpecSyntax.format(SGDM));
        assertEquals("lookahead(sgd(lr=0.01,momentum=0.9),k=5,alpha=0.5)",
                OptimizerSpecSyntax.format(SGDM.withLookahead(5, 0.5)));
        assertEquals("trajectory-lookahead(adam,k=6,m=2,alpha=0.25,points=spread,innerState=pullback)",
                OptimizerSpecSyntax.format(ADAM.withTrajectory(new TrajectorySettings(6, 2, 0.25, "spread",
                        "pullback"))));
        assertEquals("lookahead(wtlr(adam,beta=0.3),k=5,alpha=1)", OptimizerSpecSyntax.format(
                ADAM.withWeightTrajectoryBeta(0.3).withLookahead(new LookaheadSettings(5, 1.0, "none"))));
    }

    @Test
    void parsingTheFormatGivesTheSpecBack() {
        List<OptimizerSpec> specs = new java.util.ArrayList<>(List.of(ADAM, SGDM,
                OptimizerSpec.of("adamw", 3e-4).withHyper("amsgrad", true).withHyper("beta2", 0.99),
                ADAM.withWeightTrajectoryBeta(0.0),
                SGDM.withLookahead(new LookaheadSettings(10, 0.8, "reset")),
                ADAM.withTrajectory(new TrajectorySettings(5, 3, 1.0, "last"))));
        for (String preset : Presets.NAMES) {
            Presets.get(preset).contenders().forEach(c -> specs.add(c.optimizer()));
        }
        for (OptimizerSpec spec : specs) {
            assertEquals(spec, OptimizerSpecSyntax.parse(OptimizerSpecSyntax.format(spec)),
                    OptimizerSpecSyntax.format(spec));
        }
    }
}
