package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.RunEnvironment;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.lab.stats.Power;

/** The verdict's new parts (issue 11): bootstrap, effect size, power sentence, budget curves, checklist. */
class VerdictReportTest {

    private static final double[] BASE = {0.50, 0.52, 0.49, 0.51, 0.53};
    private static final double[] SAME = {0.51, 0.50, 0.50, 0.52, 0.52};

    /** {@code r} with the trials of each contender replaced by complete trials of the given values. */
    private static ExperimentResult withTrials(ExperimentResult r, double[]... values) {
        List<ContenderResult> cs = new ArrayList<>();
        for (int i = 0; i < r.contenders().size(); i++) {
            ContenderResult c = r.contenders().get(i);
            List<TrialRecord> trials = new ArrayList<>();
            for (int t = 0; t < values[i].length; t++) {
                trials.add(new TrialRecord(t, "COMPLETE", values[i][t], Map.of("lr", 1e-3), null));
            }
            cs.add(new ContenderResult(c.name(), c.label(), c.study(), c.search(), trials, c.bestParams(),
                    c.bestValue(), c.seedRuns(), c.sweepRuns()));
        }
        return new ExperimentResult(r.setup(), cs, r.startedAt(), r.wallSeconds(), r.environment());
    }

    @Test
    void theVerdictGivesBootstrapEffectSizeAndTheDetectableDifference() {
        ComparisonAnalysis a = ComparisonAnalysis.of(SyntheticResults.twoContenders("same", "S", BASE, SAME,
                List.of()));
        String v = a.verdicts().get(0);
        ContenderStats s = a.contenders().get(1);
        double sd = s.objectiveVsBaseline().difference().sd();
        String detectable = Format.num(Power.detectableEffect(5, 0.05, 0.8) * sd);
        assertTrue(v.startsWith("No significant difference between same and adam"), v);
        assertTrue(v.contains("bootstrap [" + Format.num(s.objectiveVerdict().bootstrap().lower()) + ", "), v);
        assertTrue(v.contains("d_z = " + Format.num(s.objectiveVerdict().effectSize())), v);
        assertTrue(v.contains("With 5 paired seeds this design detects a true difference of " + detectable
                + " or more (either sign) with 80% power (paired t-test, two-sided α = 0.05, at the observed spread"
                + " s = " + Format.num(sd) + ")"), v);
    }

    @Test
    void theBudgetSentenceNamesTheBudgetsWhereTheRankingChanges() {
        ExperimentResult r = SyntheticResults.twoContenders("b", "B", BASE, SAME, List.of());
        // adam always 1.0; b usually 1.4 but once 0.5: b overtakes adam at n = 3 (E_b = 1.4 − 0.9·(1 − 0.75^n))
        ComparisonAnalysis crossing = ComparisonAnalysis.of(withTrials(r, new double[] {1, 1, 1, 1},
                new double[] {1.4, 0.5, 1.4, 1.4}));
        assertTrue(crossing.budgetSentence().contains("the ranking (lower expected best first) changes at n = 3"
                + " (adam < b → b < adam), over n = 1 to 4"), crossing.budgetSentence());
        ComparisonAnalysis steady = ComparisonAnalysis.of(withTrials(r, new double[] {1, 1.1, 1.2},
                new double[] {0.9, 1.0, 1.1, 1.2}));
        assertTrue(steady.budgetSentence().contains("the ranking b < adam (lower expected best first) is the same for"
                + " every budget, n = 1 to 3 (the fewest complete trials of any contender)"), steady.budgetSentence());
        assertEquals(List.of(), steady.rankingChanges());
    }

    @Test
    void theReportHasTheBudgetTableTheBudgetPlotAndTheChecklist(@TempDir Path dir) throws Exception {
        ExperimentResult plain = SyntheticResults.presetSized(20, 5, 5);
        ExperimentResult r = new ExperimentResult(plain.setup(), plain.contenders(), plain.startedAt(),
                plain.wallSeconds(), new RunEnvironment(16, "AMD EPYC 9004", 128_000_000_000L, "Linux 6.8 amd64",
                        "17.0.12 (Eclipse Adoptium)", "0.36.0", "2.7.1 (cpu)", 1));
        ComparisonAnalysis a = ReportRenderer.render(r, dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains(Escape.markdown(a.budgetSentence())), md);
        assertTrue(md.contains("## Budget curves: expected best final-val-loss ± sd after n tuning trials"), md);
        assertTrue(md.contains("| contender | n = 1 | n = 2 | n = 5 | n = 10 | n = 18 |"), md);
        assertTrue(md.contains("plots/budget-curves.png"), md);
        assertTrue(md.contains("## Reporting checklist (Dodge et al. 2019)"), md);
        for (String row : List.of("| search space and bounds | adam: lr ∈ [1e-5, 0.1] log; tla: lr ∈ [1e-5, 0.1] log |",
                "| selection rule | the lowest final-val-loss among each contender's first 20 complete trials",
                "| tuning studies per contender | 1 ", "| verdict seeds | 5 (0, 1, 2, 3, 4)",
                "| hardware | 16 cores, AMD EPYC 9004, 128.0 GB memory, 1 engine thread |",
                "| operating system | Linux 6.8 amd64 |",
                "| software | Java 17.0.12 (Eclipse Adoptium), DJL 0.36.0, PyTorch 2.7.1 (cpu) |",
                "| wall time | 600.0 s (tuning + verdict runs); mean verdict run adam 2.500 s, tla 2.500 s |")) {
            assertTrue(md.contains(row), row + "\n" + md);
        }
        assertTrue(md.contains("| tla vs adam | 5 | 1 | "), "paired seeds and tuning studies");
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<h2>Reporting checklist (Dodge et al. 2019)</h2>"), "HTML too");
        assertTrue(html.contains("<td>16 cores, AMD EPYC 9004, 128.0 GB memory, 1 engine thread</td>"), "HTML too");
        ReportRenderer.render(plain, dir.resolve("old"));
        assertTrue(Files.readString(dir.resolve("old/report.md")).contains("| hardware | not recorded"),
                "a result without an environment says so");
    }

    @Test
    void budgetColumnsAreRoundNumbersAndTheLast() {
        assertEquals(List.of(1), ReportTables.budgetColumns(1));
        assertEquals(List.of(1, 2, 3), ReportTables.budgetColumns(3));
        assertEquals(List.of(1, 2, 5, 10, 20), ReportTables.budgetColumns(20));
        assertEquals(List.of(1, 2, 5, 10, 20, 50, 100, 120), ReportTables.budgetColumns(120));
    }
}
