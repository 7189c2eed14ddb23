package org.lookaheadlab.lab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ResultsJson;

/**
 * Renders a run folder from an {@link ExperimentResult}: {@code results.json}, {@code trials.csv},
 * {@code history.csv}, {@code plots/*.png|svg}, {@code report.md} and a self-contained {@code report.html}.
 * Rendering is a pure function of the result, so {@code ./lookahead report DIR} re-renders from
 * {@code results.json} alone.
 */
public final class ReportRenderer {

    private ReportRenderer() {}

    /** Writes every report file into {@code dir} and returns the analysis it is based on. */
    public static ComparisonAnalysis render(ExperimentResult result, Path dir) {
        ResultsJson.write(result, dir);
        return renderFromResults(result, dir);
    }

    /** Re-renders {@code dir} from its {@code results.json}. */
    public static ComparisonAnalysis rerender(Path dir) {
        return renderFromResults(ResultsJson.read(dir), dir);
    }

    private static ComparisonAnalysis renderFromResults(ExperimentResult result, Path dir) {
        ComparisonAnalysis analysis = ComparisonAnalysis.of(result);
        CsvExports.writeTrials(result, dir.resolve("trials.csv"));
        CsvExports.writeHistory(result, dir.resolve("history.csv"));
        List<ChartFile> charts = ReportCharts.renderAll(result, dir.resolve("plots"));
        List<Table> tables = new ArrayList<>(ReportTables.all(result, analysis).values());
        AtomicText.write(dir.resolve("report.md"), MarkdownReport.render(result, analysis, tables, charts));
        AtomicText.write(dir.resolve("report.html"), HtmlReport.render(result, analysis, tables, charts));
        return analysis;
    }
}
