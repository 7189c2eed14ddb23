package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ExperimentSetup;
import org.lookaheadlab.lab.experiment.TrialRecord;
import java.util.Map;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.experiment.SeedRun;

class ReportRendererTest {

    private static final double[] BASE = {0.50, 0.52, 0.49, 0.51, 0.53};
    private static final double[] BETTER = {0.40, 0.43, 0.41, 0.40, 0.44};
    private static final double[] SAME = {0.51, 0.50, 0.50, 0.52, 0.52};

    @Test
    void writesEveryFileWithSaneContent(@TempDir Path dir) throws Exception {
        ExperimentResult result = SyntheticResults.twoContenders("tla", "TrajectoryLookahead(Adam)", BASE, BETTER,
                List.of(10, 20));
        ReportRenderer.render(result, dir);

        for (String f : List.of("results.json", "trials.csv", "history.csv", "report.md", "report.html")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        for (String stem : List.of("curves-val-loss", "curves-test-loss", "curves-test-accuracy", "trials-box",
                "objective-vs-lr", "optimization-history", "budget-curves", "batch-size")) {
            byte[] png = Files.readAllBytes(dir.resolve("plots/" + stem + ".png"));
            assertEquals((byte) 0x89, png[0], stem);
            assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII), stem);
            assertTrue(Files.readString(dir.resolve("plots/" + stem + ".svg")).contains("<svg"), stem);
        }
        // trials.csv: header + 3 trials per contender, lr column, the failure message kept
        List<String> trials = Files.readAllLines(dir.resolve("trials.csv"));
        assertEquals("contender,number,state,value,param_lr,message", trials.get(0));
        assertEquals(7, trials.size());
        assertTrue(trials.get(3).startsWith("adam,2,FAIL,,0.09,diverged at epoch 1"), trials.get(3));
        // history.csv: 2 contenders x (5 verdict + 5 sweep runs) x 3 epochs
        assertEquals(1 + 2 * 10 * 3, Files.readAllLines(dir.resolve("history.csv")).size());

        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("tla has a significantly lower (better) final-val-loss than adam"), md);
        assertTrue(md.contains("![") && md.contains("plots/curves-test-loss.png"), md);
        // sweep table: at batch size 20 both contenders moved by the same amount, so the paired p is unchanged
        assertTrue(md.contains("## Batch-size sweep"), md);
        String p20 = Escape.markdown(Format.p(new TTest().pairedTTest(BASE, BETTER)));
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| 20 | tla |") && l.endsWith("| " + p20 + " |")), md);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("src=\"data:image/png;base64,iVBOR"), "PNG embedded");
        assertFalse(html.contains("src=\"plots/"), "no external image references");
    }

    /** Markdown gets plain text: no {@code &lt;}, {@code &amp;}, {@code &#39;} or any other entity. */
    static void assertNoHtmlEntities(String md) {
        java.util.regex.Matcher entity = java.util.regex.Pattern.compile("&(#\\d+|#x\\p{XDigit}+|[A-Za-z]+);")
                .matcher(md);
        assertFalse(entity.find(), () -> "HTML entity " + entity.group() + " in report.md");
    }

    @Test
    void verdictPValueIsThePairedTTestOfTheSeeds(@TempDir Path dir) {
        ExperimentResult result = SyntheticResults.twoContenders("same", "Adam again", BASE, SAME, List.of());
        ComparisonAnalysis analysis = ReportRenderer.render(result, dir);
        double expected = new TTest().pairedTTest(BASE, SAME);
        assertEquals(expected, analysis.contenders().get(1).objectiveVsBaseline().pValue(), 1e-12);
        assertTrue(expected >= 0.05);
        assertTrue(analysis.verdicts().get(0).startsWith("No significant difference between same and adam"),
                analysis.verdicts().get(0));
        assertEquals(Arrays.stream(SAME).average().orElseThrow(),
                analysis.contenders().get(1).objective().mean(), 1e-12);
    }

    @Test
    void userTextIsEscapedInHtml(@TempDir Path dir) throws Exception {
        String evil = "<script>alert('x')</script>&\"";
        ExperimentResult plain = SyntheticResults.twoContenders("evil<b>", evil, BASE, SAME, List.of());
        // every free-text field a user can influence: data spec, storage URL (a path), preset, model, a trial's
        // failure message, the search space and study names
        ExperimentSetup s = plain.setup();
        ExperimentSetup setup = new ExperimentSetup("<i>name</i>", "<u>preset</u>", "csv:/tmp/<img src=x>.csv",
                "<em>validation</em>", "<tt>model</tt>", s.epochs(), s.batchSize(), s.objective(), s.trials(),
                s.sampler(), s.samplerSeed(), s.tuneSeed(), s.seeds(), s.batchSizes(), "sqlite:/tmp/<a href=x>.db",
                "<b>schedule</b>");
        ContenderResult c = plain.contenders().get(1);
        List<TrialRecord> trials = new ArrayList<>(c.trials());
        trials.add(new TrialRecord(3, "FAIL", null, Map.of("lr", 0.5), "<marquee>diverged</marquee>"));
        ContenderResult hostile = new ContenderResult(c.name(), c.label(), "<s>study</s>", "<q>lr</q>", trials,
                c.bestParams(), c.bestValue(), c.seedRuns(), c.sweepRuns());
        ExperimentResult result = new ExperimentResult(setup, List.of(plain.baseline(), hostile), "<b>t</b>",
                plain.wallSeconds());
        ReportRenderer.render(result, dir);
        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(html.contains("<script>"), "raw script tag in HTML");
        assertFalse(html.contains("evil<b>"), "raw contender name in HTML");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
        for (String tag : List.of("<i>", "<u>", "<img src=x", "<em>", "<tt>", "<a ", "<s>", "<q>", "<b>t", "<b>schedule")) {
            assertFalse(html.contains(tag), "raw " + tag + " in HTML");
        }
        assertTrue(html.contains("sqlite:/tmp/&lt;a href=x&gt;.db"), "the storage path is shown, escaped");
        assertTrue(html.contains("csv:/tmp/&lt;img src=x&gt;.csv"), "the data spec is shown, escaped");
        // the only markup is ours: no script, no external reference, images only as data URIs
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.matches("(?s).*(src|href)=\"(?!data:).*"), "no external src/href");
        String md = Files.readString(dir.resolve("report.md"));
        for (String tag : List.of("<script>", "<i>", "<img src=x", "<a ", "<s>")) {
            // Markdown's own escape \< shows the text and opens no tag
            assertFalse(md.replace("\\" + tag, "").contains(tag), "raw " + tag + " in report.md");
            assertTrue(md.contains("\\" + tag), "the text " + tag + " is shown, escaped");
        }
        assertNoHtmlEntities(md);
    }

    @Test
    void rerenderFromResultsJsonReproducesTheReport(@TempDir Path dir) throws Exception {
        ExperimentResult result = SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of());
        ReportRenderer.render(result, dir);
        String md = Files.readString(dir.resolve("report.md"));
        String csv = Files.readString(dir.resolve("history.csv"));
        Files.delete(dir.resolve("report.md"));
        Files.delete(dir.resolve("history.csv"));
        assertEquals(result, ResultsJson.read(dir));
        ReportRenderer.rerender(dir);
        assertEquals(md, Files.readString(dir.resolve("report.md")));
        assertEquals(csv, Files.readString(dir.resolve("history.csv")));
    }

    @Test
    void divergedVerdictRunIsCountedNotAveragedAndSurvivesJson(@TempDir Path dir) {
        ExperimentResult ok = SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of());
        ContenderResult other = ok.contenders().get(1);
        List<SeedRun> runs = new ArrayList<>(other.seedRuns());
        runs.set(4, new SeedRun(4, 10, "DIVERGED", "diverged at epoch 2 step 7 (loss NaN)",
                Double.NaN, runs.get(4).history().subList(0, 1), 0.1));
        ContenderResult broken = new ContenderResult(other.name(), other.label(), other.study(), other.search(),
                other.trials(), other.bestParams(), other.bestValue(), runs, other.sweepRuns());
        ExperimentResult result = new ExperimentResult(ok.setup(), List.of(ok.baseline(), broken), ok.startedAt(),
                ok.wallSeconds());
        ComparisonAnalysis analysis = ReportRenderer.render(result, dir);
        ContenderStats s = analysis.contenders().get(1);
        assertEquals(4, s.completedSeeds());
        assertEquals(1, s.divergedSeeds());
        assertEquals(4, s.objectiveVsBaseline().n(), "pairs only over seeds completed on both sides");
        assertEquals(new TTest().pairedTTest(Arrays.copyOf(BASE, 4), Arrays.copyOf(BETTER, 4)),
                s.objectiveVsBaseline().pValue(), 1e-12);
        ExperimentResult back = ResultsJson.read(dir);
        assertTrue(Double.isNaN(back.contenders().get(1).seedRuns().get(4).objective()));
        assertEquals(result, back);
    }

    @Test
    void rerendersAResultsFileWithoutOptionalFields(@TempDir Path dir) throws Exception {
        ReportRenderer.render(SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of()), dir);
        Path json = dir.resolve("results.json");
        ObjectNode root = (ObjectNode) ResultsJson.mapper().readTree(json.toFile());
        ((ObjectNode) root.get("setup")).remove(List.of("validation", "storage"));
        root.get("contenders").forEach(c -> ((ObjectNode) c).remove("study"));
        ResultsJson.mapper().writeValue(json.toFile(), root);
        ReportRenderer.rerender(dir);
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| validation | – |"));
    }

    @Test
    void aSignificantResultFromFewSeedsIsFlaggedAsPreliminary() {
        double[] base = {0.60, 0.62, 0.61};
        double[] better = {0.50, 0.515, 0.505};
        String few = ComparisonAnalysis.of(SyntheticResults.twoContenders("x", "X", base, better, List.of()))
                .verdicts().get(0);
        assertTrue(few.startsWith("x has a significantly lower") && few.contains("With only 3 seeds")
                && few.contains("preliminary"), few);
        String enough = ComparisonAnalysis.of(SyntheticResults.twoContenders("x", "X", BASE,
                new double[] {0.46, 0.51, 0.46, 0.51, 0.51}, List.of())).verdicts().get(0);
        assertTrue(enough.startsWith("x has a significantly lower") && !enough.contains("preliminary"), enough);
    }

    @Test
    void severalContendersAreHolmAdjusted(@TempDir Path dir) {
        double[] slightlyBetter = {0.46, 0.51, 0.46, 0.51, 0.51}; // raw paired p < 0.05 against BASE
        ExperimentResult two = SyntheticResults.twoContenders("x", "X", BASE, slightlyBetter, List.of());
        ExperimentResult three = new ExperimentResult(two.setup(), List.of(two.baseline(), two.contenders().get(1),
                SyntheticResults.contender("y", "Y", SAME, List.of())), two.startedAt(), two.wallSeconds());
        double rawX = new TTest().pairedTTest(BASE, slightlyBetter);
        double rawY = new TTest().pairedTTest(BASE, SAME);
        assertTrue(rawX < 0.05 && 2 * rawX >= 0.05 && rawY > rawX, rawX + " " + rawY);

        ComparisonAnalysis alone = ComparisonAnalysis.of(two);
        assertTrue(alone.verdicts().get(0).startsWith("x has a significantly lower"), alone.verdicts().get(0));

        ComparisonAnalysis analysis = ReportRenderer.render(three, dir);
        assertEquals(2 * rawX, analysis.contenders().get(1).adjustedP(), 1e-12);
        assertEquals(Math.max(2 * rawX, rawY), analysis.contenders().get(2).adjustedP(), 1e-12);
        assertTrue(analysis.verdicts().get(0).startsWith("No significant difference between x and adam"),
                analysis.verdicts().get(0));
        assertTrue(analysis.verdicts().get(0).contains("Holm-adjusted over 2 comparisons"), analysis.verdicts().get(0));
    }

    @Test
    void oneSeedGivesNoClaim(@TempDir Path dir) {
        ExperimentResult result = SyntheticResults.twoContenders("tla", "TLA", new double[] {0.5},
                new double[] {0.1}, List.of());
        ComparisonAnalysis analysis = ReportRenderer.render(result, dir);
        assertTrue(analysis.verdicts().get(0).contains("no claim possible"), analysis.verdicts().get(0));
    }
}
