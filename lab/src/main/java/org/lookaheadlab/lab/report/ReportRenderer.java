package org.lookaheadlab.lab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.io.AtomicFiles;

/**
 * Renders a run folder from an {@link ExperimentResult}: {@code results.json} (with the verdict), {@code trials.csv},
 * {@code history.csv}, {@code plots/*.png|svg}, {@code report.md} and a self-contained {@code report.html}.
 * Rendering is a pure function of the result, so {@code ./lookahead report DIR} re-renders from
 * {@code results.json} alone.
 */
public final class ReportRenderer {

    private ReportRenderer() {}

    /** Writes {@code results.json} and every report file into {@code dir}; returns the analysis they show. */
    public static ComparisonAnalysis render(ExperimentResult result, Path dir) {
        ComparisonAnalysis analysis = writeResults(result, dir);
        renderReport(result, analysis, dir);
        return analysis;
    }

    /** Writes {@code dir/results.json}: the result with its verdict ({@link VerdictJson}); returns the analysis. */
    public static ComparisonAnalysis writeResults(ExperimentResult result, Path dir) {
        ComparisonAnalysis analysis = ComparisonAnalysis.of(result);
        ResultsJson.write(result, VerdictJson.of(result, analysis), dir);
        return analysis;
    }

    /**
     * Sets the verdict in {@code dir/results.json} to that of {@code analysis}, the analysis of {@code result} read
     * from that file, changing nothing else: a file from before verdicts were recorded gains one.
     */
    public static void refreshVerdict(ExperimentResult result, ComparisonAnalysis analysis, Path dir) {
        ResultsJson.writeVerdict(dir, VerdictJson.of(result, analysis));
    }

    /** Re-renders {@code dir} from its {@code results.json} (and refreshes the verdict recorded there). */
    public static ComparisonAnalysis rerender(Path dir) {
        ExperimentResult result = ResultsJson.read(dir);
        ComparisonAnalysis analysis = ComparisonAnalysis.of(result);
        refreshVerdict(result, analysis, dir);
        renderReport(result, analysis, dir);
        return analysis;
    }

    /**
     * Writes the report files of {@code result} — everything but {@code results.json}: CSV exports, plots,
     * {@code report.md}, {@code report.html} — each atomically ({@link AtomicFiles}).
     *
     * @throws java.io.UncheckedIOException naming the file that could not be written and why (e.g. a full disk);
     *     files written before it are complete, and no temporary file is left
     */
    public static void renderReport(ExperimentResult result, ComparisonAnalysis analysis, Path dir) {
        CsvExports.writeTrials(result, dir.resolve("trials.csv"));
        CsvExports.writeHistory(result, dir.resolve("history.csv"));
        List<ChartFile> charts = ReportCharts.renderAll(result, dir.resolve("plots"));
        List<Table> tables = new ArrayList<>(ReportTables.all(result, analysis).values());
        AtomicFiles.writeString(dir.resolve("report.md"), MarkdownReport.render(result, analysis, tables, charts));
        AtomicFiles.writeString(dir.resolve("report.html"), HtmlReport.render(result, analysis, tables, charts));
    }
}
