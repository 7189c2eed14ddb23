package org.lookaheadlab.tune.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The quality bar: median best over 20 seeds after 50 trials, TPE below random search. */
class TpeBeatsRandomTest {

    @Test
    void functionsHaveTheirPublishedMinima() {
        assertEquals(0.397887357729738, BenchmarkFunction.branin(Math.PI, 2.275), 1e-12);
        assertEquals(0.397887357729738, BenchmarkFunction.branin(-Math.PI, 12.275), 1e-12);
        assertEquals(-3.32236801141551,
                BenchmarkFunction.hartmann6(new double[] {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573}),
                1e-5);
    }

    @Test
    void tpeBeatsRandomOnBranin() {
        compare(BenchmarkFunction.BRANIN);
    }

    @Test
    void tpeBeatsRandomOnHartmann6() {
        compare(BenchmarkFunction.HARTMANN6);
    }

    private static void compare(BenchmarkFunction f) {
        double tpe = SamplerBench.median(SamplerBench.run(f, "tpe", 50, 20, 0));
        double random = SamplerBench.median(SamplerBench.run(f, "random", 50, 20, 0));
        System.out.printf("%s median best after 50 trials: tpe=%.6f random=%.6f (minimum %.6f)%n",
                f, tpe, random, f.minimum());
        assertTrue(tpe < random, f + ": TPE median " + tpe + " is not below random's " + random);
        assertTrue(tpe >= f.minimum() - 1e-9, "below the global minimum?");
    }
}
