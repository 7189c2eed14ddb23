package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.experiment.ExperimentResult;

class ReadmeSummaryTest {

    @Test
    void oneRowPerContenderTheVerdictAndTheCommand() {
        ExperimentResult r = SyntheticResults.twoContenders("la", "Lookahead(Adam, k=5, α=0.5)",
                new double[] {1.0, 1.1, 0.9, 1.05, 0.95}, new double[] {0.8, 0.9, 0.7, 0.85, 0.75}, List.of());
        String md = ReadmeSummary.of(r, "./lookahead compare --preset demo");
        List<String> lines = md.lines().toList();
        assertTrue(lines.get(0).startsWith("`./lookahead compare --preset demo` — mlp(4), 3 epochs, 3 TPE trials"
                + " per contender, 5 verdict seeds; wall time 12.5 s"), lines.get(0));
        assertTrue(md.contains("| Adam | lr = 0.01000 | 1.000 ± "), md);
        assertTrue(md.contains("| Lookahead(Adam, k=5, α=0.5) | lr = 0.01000 | 0.8000 ± "), md);
        // mean difference exactly -0.2 with no spread: the paired t-test's p is below any display threshold
        assertTrue(md.contains("| < 0.0001; < 0.0001 |"), md);
        List<String> verdicts = lines.stream().filter(l -> l.startsWith("- ")).toList();
        assertEquals(ComparisonAnalysis.of(r).verdicts().stream().map(v -> "- " + v).toList(), verdicts);
    }
}
