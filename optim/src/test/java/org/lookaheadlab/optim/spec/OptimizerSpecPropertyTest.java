package org.lookaheadlab.optim.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.optimizer.Optimizer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.Quadratic;

/**
 * Random nested specs (a random base with random valid hyperparameters, with or without a schedule, under 0–3
 * random wrappers): the text round-trips, the canonical text is a fixed point, and the optimizer built from the
 * parsed text follows exactly (float64, bit for bit) the trajectory of the same optimizer made straight from the
 * builders ({@link SpecCases}).
 */
class OptimizerSpecPropertyTest {

    private static final int STEPS = SpecCases.RUN_STEPS;

    @Provide
    Arbitrary<SpecCases.Case> cases() {
        return Arbitraries.randomValue(SpecCases::random);
    }

    @Property(tries = 1000)
    void parseOfFormatIsTheSpecAndFormatIsAFixedPoint(@ForAll("cases") SpecCases.Case c) {
        OptimizerSpec spec = c.spec();
        String text = spec.format();
        OptimizerSpec parsed = OptimizerSpec.parse(text);
        assertEquals(spec, parsed, text);
        assertEquals(spec.hashCode(), parsed.hashCode(), text);
        assertEquals(text, parsed.format());
        assertEquals(text, spec.toString());
        assertTrue(text.chars().noneMatch(Character::isWhitespace), text);
        assertEquals(spec, OptimizerSpec.parse(spec.formatExplicit()), spec.formatExplicit());
        assertEquals(text, OptimizerSpec.parse(spec.formatExplicit()).format());
    }

    @Property(tries = 300)
    void theParsedSpecBuildsTheTrajectoryOfTheBuilders(@ForAll("cases") SpecCases.Case c) {
        OptimizerSpec parsed = OptimizerSpec.parse(c.spec().format());
        double[] fromSpec = run(parsed.build(BuildContext.of(SpecCases.LAYERS, STEPS)));
        double[] direct = run(c.direct().apply(Grouping.layer(SpecCases.LAYERS)));
        assertTrue(Arrays.equals(direct, fromSpec), () -> c.spec() + ": " + Arrays.toString(direct) + " vs "
                + Arrays.toString(fromSpec));
    }

    /** The weights (w then b) after {@link #STEPS} steps on the float64 quadratic; closes the optimizer. */
    static double[] run(Optimizer optimizer) {
        try (Quadratic q = new Quadratic()) {
            for (int t = 1; t <= STEPS; t++) {
                q.step(optimizer, t);
            }
            return q.values();
        } finally {
            if (optimizer instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
