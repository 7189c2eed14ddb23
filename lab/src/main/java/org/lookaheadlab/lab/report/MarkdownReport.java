package org.lookaheadlab.lab.report;

import java.util.List;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.experiment.ExperimentResult;

/** {@code report.md}: verdict first, then tables, then the plots (linked PNGs in {@code plots/}). */
final class MarkdownReport {

    /**
     * The rule the verdicts follow, stated under them in both report formats, with the smallest exact two-sided
     * Wilcoxon p-value that {@code seeds} paired seeds allow, 2/2^n.
     */
    static String claimRule(int seeds) {
        return "A difference is claimed only when the paired t-test over the verdict seeds gives p < 0.05, "
                + "Holm-adjusted when several contenders are compared with the baseline. With n seeds the exact "
                + "two-sided Wilcoxon p-value cannot fall below 2/2^n (" + Format.p(2.0 / Math.pow(2, seeds))
                + " for the " + seeds + " seeds here); it is shown as a distribution-free check.";
    }

    private MarkdownReport() {}

    static String render(ExperimentResult result, ComparisonAnalysis analysis, List<Table> tables,
            List<ChartFile> charts) {
        StringBuilder b = new StringBuilder();
        b.append("# Comparison: ").append(Escape.markdown(result.setup().name())).append("\n\n");
        b.append("Baseline: **").append(Escape.markdown(result.baseline().name())).append("** (")
                .append(Escape.markdown(result.baseline().label())).append(").\n\n");
        b.append("## Verdict\n\n");
        if (analysis.verdicts().isEmpty()) {
            b.append("Only one contender: nothing to compare.\n");
        }
        for (String v : analysis.verdicts()) {
            b.append("- ").append(Escape.markdown(v)).append('\n');
        }
        ComparisonAnalysis.selectionCaveat(result.setup()).ifPresent(c -> b.append("- ").append(Escape.markdown(c))
                .append('\n'));
        b.append('\n').append(Escape.markdown(claimRule(result.setup().seeds().size()))).append("\n\n");
        for (Table t : tables) {
            b.append("## ").append(Escape.markdown(t.title())).append("\n\n");
            b.append(row(t.header()));
            b.append(t.header().stream().map(h -> "---").collect(Collectors.joining("|", "|", "|\n")));
            t.rows().forEach(r -> b.append(row(r)));
            b.append('\n');
        }
        if (!charts.isEmpty()) {
            b.append("## Plots\n\n");
        }
        for (ChartFile c : charts) {
            b.append("### ").append(Escape.markdown(c.title())).append("\n\n")
                    .append("![").append(Escape.markdown(c.title())).append("](plots/").append(c.stem())
                    .append(".png) ([SVG](plots/").append(c.stem()).append(".svg))\n\n");
        }
        b.append("Data: `results.json`, `trials.csv`, `history.csv`.\n");
        return b.toString();
    }

    private static String row(List<String> cells) {
        return cells.stream().map(Escape::markdown).collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
