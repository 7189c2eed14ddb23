package org.lookaheadlab.lab.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.stats.BootstrapInterval;

/** {@code report.md}: verdict first, then tables, then the plots (linked PNGs in {@code plots/}). */
final class MarkdownReport {

    /**
     * The rule the verdicts follow, stated under them in both report formats, with the smallest exact two-sided
     * Wilcoxon p-value that {@code seeds} paired seeds allow, 2/2^n.
     */
    static String claimRule(int seeds) {
        return "A difference is claimed only when the paired t-test over the verdict seeds (with several tuning "
                + "studies: over the studies' mean differences) gives p < 0.05, Holm-adjusted when several "
                + "contenders are compared with the baseline; simulated experiments with no true difference check "
                + "that this rule claims one in 5% of them. The bootstrap interval (" + String.format(Locale.ROOT,
                        "%,d", BootstrapInterval.DEFAULT_RESAMPLES) + " seeded replicates) and the Wilcoxon test are "
                + "distribution-free checks, not the claim: from few seeds percentile bootstrap intervals are too "
                + "narrow. With n seeds the exact two-sided Wilcoxon p-value cannot fall below 2/2^n ("
                + Format.p(2.0 / Math.pow(2, seeds)) + " for the " + seeds + " seeds here).";
    }

    /** The paragraphs under the verdict sentences: the claim rule and what the budget curves say. */
    static List<String> verdictNotes(ExperimentResult result, ComparisonAnalysis analysis) {
        return List.of(claimRule(result.setup().seeds().size()), analysis.budgetSentence());
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
        b.append('\n');
        verdictNotes(result, analysis).forEach(n -> b.append(Escape.markdown(n)).append("\n\n"));
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
