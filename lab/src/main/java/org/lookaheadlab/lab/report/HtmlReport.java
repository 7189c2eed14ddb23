package org.lookaheadlab.lab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.lookaheadlab.lab.experiment.ExperimentResult;

/**
 * {@code report.html}: one self-contained file (PNG plots embedded as base64 data URIs, inline CSS, no
 * scripts, nothing fetched). Every piece of user-supplied or computed text goes through {@link Escape#html}.
 */
final class HtmlReport {

    private static final String CSS = "body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "text-align:left}th{background:#f3f3f3}img{max-width:100%}li{margin:.3em 0}";

    private HtmlReport() {}

    static String render(ExperimentResult result, ComparisonAnalysis analysis, List<Table> tables,
            List<ChartFile> charts) {
        StringBuilder b = new StringBuilder();
        String title = "Comparison: " + result.setup().name();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Escape.html(title)).append("</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>").append(Escape.html(title)).append("</h1>\n");
        b.append("<p>Baseline: <b>").append(Escape.html(result.baseline().name())).append("</b> (")
                .append(Escape.html(result.baseline().label())).append(").</p>\n");
        b.append("<h2>Verdict</h2>\n<ul>\n");
        if (analysis.verdicts().isEmpty()) {
            b.append("<li>Only one contender: nothing to compare.</li>\n");
        }
        for (String v : analysis.verdicts()) {
            b.append("<li>").append(Escape.html(v)).append("</li>\n");
        }
        ComparisonAnalysis.selectionCaveat(result.setup()).ifPresent(c -> b.append("<li>").append(Escape.html(c))
                .append("</li>\n"));
        b.append("</ul>\n");
        MarkdownReport.verdictNotes(result, analysis)
                .forEach(n -> b.append("<p>").append(Escape.html(n)).append("</p>\n"));
        for (Table t : tables) {
            b.append("<h2>").append(Escape.html(t.title())).append("</h2>\n<table>\n<tr>");
            t.header().forEach(h -> b.append("<th>").append(Escape.html(h)).append("</th>"));
            b.append("</tr>\n");
            for (List<String> row : t.rows()) {
                b.append("<tr>");
                row.forEach(c -> b.append("<td>").append(Escape.html(c)).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        if (!charts.isEmpty()) {
            b.append("<h2>Plots</h2>\n");
        }
        for (ChartFile c : charts) {
            b.append("<h3>").append(Escape.html(c.title())).append("</h3>\n<img alt=\"")
                    .append(Escape.html(c.title())).append("\" src=\"data:image/png;base64,")
                    .append(base64(c)).append("\">\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static String base64(ChartFile c) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(c.png()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + c.png() + ": " + e.getMessage(), e);
        }
    }
}
