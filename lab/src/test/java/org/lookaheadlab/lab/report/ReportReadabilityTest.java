package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.TrialRecord;

/** What a researcher noticed in the report (issue 16): ticks, bands, box plots, history axis, size, text. */
class ReportReadabilityTest {

    private static final double[] BASE = {0.50, 0.52, 0.49, 0.51, 0.53};
    private static final double[] BETTER = {0.40, 0.43, 0.41, 0.40, 0.44};

    /** The labels XChart's log-axis tick calculator gives the chart's x axis (the labelled ticks only). */
    private static List<String> xTickLabels(XYChart chart) throws Exception {
        Class<?> calculator = Class.forName("org.knowm.xchart.internal.chartpart.AxisTickCalculator_Logarithmic");
        Class<?> direction = Class.forName("org.knowm.xchart.internal.chartpart.Axis$Direction");
        Constructor<?> c = calculator.getDeclaredConstructor(direction, double.class, double.class, double.class,
                AxesChartStyler.class);
        c.setAccessible(true);
        Object x = direction.getEnumConstants()[0];
        assertEquals("X", x.toString());
        Object ticks = c.newInstance(x, 700.0, chart.getStyler().getXAxisMin(), chart.getStyler().getXAxisMax(),
                chart.getStyler());
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) calculator.getMethod("getTickLabels").invoke(ticks);
        return labels.stream().filter(Objects::nonNull).toList();
    }

    /** A result whose trials all lie in [3e-4, 0.02] while the search space is [1e-5, 0.1]. */
    private static ExperimentResult trialsInsideTheSpace() {
        ExperimentResult r = SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of());
        List<ContenderResult> cs = new ArrayList<>();
        for (ContenderResult c : r.contenders()) {
            List<TrialRecord> trials = List.of(new TrialRecord(0, "COMPLETE", 0.9, Map.of("lr", 3e-4), null),
                    new TrialRecord(1, "COMPLETE", 0.5, Map.of("lr", 0.02), null));
            cs.add(new ContenderResult(c.name(), c.label(), c.study(), c.search(), trials, c.bestParams(),
                    c.bestValue(), c.seedRuns(), c.sweepRuns()));
        }
        return new ExperimentResult(r.setup(), cs, r.startedAt(), r.wallSeconds());
    }

    @Test
    void objectiveVsLrHasOneTickFormatAndADecadeTickAtBothBoundsOfTheSearchSpace() throws Exception {
        XYChart chart = ReportCharts.objectiveVsParam(trialsInsideTheSpace(), "final-val-loss", "lr");
        assertNotNull(chart);
        assertEquals(List.of("1E-5", "1E-4", "1E-3", "1E-2", "1E-1"), xTickLabels(chart));
        assertEquals(1e-5, ReportCharts.decadeRange(3e-5, 0.02)[0] * 1.0001, 1e-18);
        assertEquals(0.1, ReportCharts.decadeRange(3e-5, 0.02)[1] / 1.0001, 1e-15);
        assertEquals(1e-4, ReportCharts.decadeRange(1e-4, 1e-3)[0] * 1.0001, 1e-18, "a bound on a decade stays");
        assertEquals(1e-3, ReportCharts.decadeRange(1e-4, 1e-3)[1] / 1.0001, 1e-15);
    }

    @Test
    void curveBandsSayInThePlotThatTheyAreMinToMax() {
        XYChart chart = ReportCharts.curves(SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of()),
                "validation loss", m -> m.validationLoss());
        assertTrue(chart.getTitle().contains("min–max"), chart.getTitle());
        XYSeries band = chart.getSeriesMap().get("adam min–max over 5 seeds");
        assertNotNull(band, chart.getSeriesMap().keySet().toString());
        assertTrue(band.isShowInLegend(), "the band is named in the legend");
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        assertNotNull(chart.getSeriesMap().get("tla mean"));
    }

    @Test
    void theBoxPlotExplainsItsXAxisBoxesWhiskersAndOutliers(@TempDir Path dir) {
        ExperimentResult result = SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of());
        BoxChart box = ReportCharts.trialsBox(result, "final-val-loss");
        assertTrue(box.getXAxisTitle().startsWith("contender"), box.getXAxisTitle());
        ChartFile file = ReportCharts.renderAll(result, dir).stream().filter(c -> c.stem().equals("trials-box"))
                .findFirst().orElseThrow();
        for (String word : List.of("quartile", "median", "whiskers reach 1.5 × the box height", "crosses (+)",
                "outlying trials")) {
            assertTrue(file.title().contains(word), file.title());
        }
    }

    @Test
    void theOptimizationHistoryIsZoomedToTheBetterTrials() {
        ExperimentResult result = SyntheticResults.presetSized(20, 5, 5);
        XYChart chart = ReportCharts.history(result, "final-val-loss");
        double[] values = result.contenders().stream().flatMap(c -> c.trials().stream())
                .filter(TrialRecord::complete).mapToDouble(TrialRecord::value).sorted().toArray();
        double low = chart.getStyler().getYAxisMin();
        double high = chart.getStyler().getYAxisMax();
        assertTrue(low < values[0], "the best trial is on the plot");
        assertTrue(high < values[values.length - 1], "the worst trials are cut off");
        assertTrue(high >= values[(values.length - 1) / 2], "the better half of the trials shows");
        // the two contenders' final best-so-far values: far enough apart on this axis to tell the lines apart
        double[] best = result.contenders().stream().mapToDouble(c -> c.trials().stream()
                .filter(TrialRecord::complete).mapToDouble(TrialRecord::value).min().orElseThrow()).toArray();
        double gap = Math.abs(best[0] - best[1]);
        assertTrue(gap / (high - low) > 3 * gap / (values[values.length - 1] - values[0]),
                "zooming spreads the best-so-far lines at least threefold");
        assertEquals(null, ReportCharts.historyRange(new double[] {1, 1, 1, 1, 1}), "nothing to zoom");
        assertEquals(null, ReportCharts.historyRange(new double[] {1, 2, 3}), "too few trials to zoom");
    }

    /** The SVGs were 160–390 KB each (glyph outlines in full double precision); measured here: 267–389 KB. */
    @Test
    void svgFilesAreSmallWellFormedAndComplete(@TempDir Path dir) throws Exception {
        ReportRenderer.render(SyntheticResults.presetSized(20, 5, 5), dir);
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        List<Path> svgs;
        try (var files = Files.list(dir.resolve("plots"))) {
            svgs = files.filter(f -> f.toString().endsWith(".svg")).sorted().toList();
        }
        assertEquals(8, svgs.size(), svgs.toString()); // six views, the budget curves and the time to target
        for (Path svg : svgs) {
            long size = Files.size(svg);
            assertTrue(size < 100_000, svg.getFileName() + " has " + size + " bytes");
            byte[] bytes = Files.readAllBytes(svg);
            assertEquals("svg", xml.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement()
                    .getTagName(), svg.toString());
        }
    }

    @Test
    void markdownIsPlainTextAndTheSearchSpaceReadable(@TempDir Path dir) throws Exception {
        ReportRenderer.render(SyntheticResults.twoContenders("tla", "TLA", BASE, BETTER, List.of()), dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("p < 0.05"), "the claim rule reads plainly");
        ReportRendererTest.assertNoHtmlEntities(md);
        assertTrue(md.contains("| lr ∈ [1e-5, 0.1] log |"), md);
        assertFalse(md.contains("1.0E-5:0.1:log"), md);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<td>lr ∈ [1e-5, 0.1] log</td>"), "the HTML table too");
        assertTrue(html.contains("p &lt; 0.05"), "HTML keeps its own escaping");
        assertEquals("lr ∈ [1e-5, 0.1] log, beta ∈ [0, 1]",
                ReportTables.readableSearch("lr=1.0E-5:0.1:log,beta=0.0:1.0"));
        assertEquals("not a space", ReportTables.readableSearch("not a space"));
        assertEquals(List.of("1e-5", "2.5e-4", "0.001", "0.1", "1", "250", "1e5", "-3e-7"), Arrays.stream(
                new double[] {1e-5, 2.5e-4, 1e-3, 0.1, 1, 250, 1e5, -3e-7})
                .mapToObj(org.lookaheadlab.lab.experiment.SearchParam::shortNumber).toList());
    }
}
