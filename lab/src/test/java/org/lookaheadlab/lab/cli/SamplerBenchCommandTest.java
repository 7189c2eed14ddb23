package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./lookahead sampler-bench ...} through the real entry point. */
class SamplerBenchCommandTest {



    @Test
    void printsOneLinePerRepeatAndTheMedianLast() {
        CliRun o = CliRun.run("sampler-bench", "--function", "branin", "--sampler", "random", "--trials", "20",
                "--repeats", "3", "--seed", "5");
        assertEquals(0, o.code(), o.errText());
        assertEquals(4, o.out().size(), String.join("\n", o.out()));
        double[] best = new double[3];
        for (int i = 0; i < 3; i++) {
            String line = o.out().get(i);
            assertTrue(line.startsWith("repeat=" + i + " best="), line);
            best[i] = Double.parseDouble(line.substring(line.indexOf("best=") + 5));
            assertTrue(best[i] >= 0.397887357729738 - 1e-12, "Branin's minimum is 0.397887: " + line);
        }
        Arrays.sort(best);
        assertEquals("median_best=" + best[1], o.out().get(3));
    }

    @Test
    void sameSeedSameOutput() {
        String[] args = {"sampler-bench", "--function", "hartmann6", "--sampler", "tpe", "--trials", "15",
            "--repeats", "2", "--seed", "3"};
        assertEquals(CliRun.run(args).out(), CliRun.run(args).out());
    }

    @Test
    void badValuesAreOneLineErrors() {
        CliRun o = CliRun.run("sampler-bench", "--function", "rosenbrock", "--sampler", "tpe");
        assertEquals(2, o.code());
        assertTrue(o.errText().contains("function must be branin or hartmann6, but got 'rosenbrock'"), o.errText());
        CliRun s = CliRun.run("sampler-bench", "--function", "branin", "--sampler", "grid");
        assertEquals(2, s.code());
        assertTrue(s.errText().contains("sampler must be tpe or random"), s.errText());
        assertEquals(2, CliRun.run("sampler-bench", "--function", "branin", "--sampler", "tpe", "--trials", "0").code());
    }
}
