package org.lookaheadlab.lab.report;

import java.util.Map;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;

/**
 * The short Markdown summary of a run folder that the README quotes ({@code report DIR --summary}): one table
 * row per contender (best hyperparameters, objective and test accuracy as mean ± 95% CI over the verdict
 * seeds, the paired test against the baseline) and the verdict sentences. {@code scripts/readme-results.sh}
 * pastes it between the README's markers, so the README's figures are always those of a command a reader
 * can rerun.
 */
public final class ReadmeSummary {

    private ReadmeSummary() {}

    /** The Markdown text (ends with a newline). */
    public static String of(ExperimentResult result, String command) {
        ComparisonAnalysis analysis = ComparisonAnalysis.of(result);
        StringBuilder b = new StringBuilder();
        b.append("`").append(command).append("` — ").append(result.setup().model()).append(", ")
                .append(result.setup().epochs()).append(" epochs, ").append(result.setup().trials())
                .append(" TPE trials per contender, ").append(result.setup().seeds().size())
                .append(" verdict seeds; wall time ").append(String.format(java.util.Locale.ROOT, "%.1f s",
                        result.wallSeconds())).append(" (tuning + verdict runs, this machine).\n\n");
        b.append("| contender | best hyperparameters | ").append(analysis.objectiveName())
                .append(" (mean ± 95% CI) | test accuracy | p vs ").append(result.baseline().name())
                .append(" (paired t; Holm) |\n|---|---|---|---|---|\n");
        for (int i = 0; i < analysis.contenders().size(); i++) {
            ContenderStats s = analysis.contenders().get(i);
            ContenderResult c = result.contenders().get(i);
            b.append("| ").append(s.label()).append(" | ").append(params(c.bestParams())).append(" | ")
                    .append(Format.ci(s.objective())).append(" | ").append(Format.ci(s.testAccuracy()))
                    .append(" | ").append(s.objectiveVsBaseline() == null ? "—"
                            : Format.p(s.objectiveVsBaseline().pValue()) + "; " + Format.p(s.adjustedP()))
                    .append(" |\n");
        }
        b.append('\n');
        for (String v : analysis.verdicts()) {
            b.append("- ").append(v).append('\n');
        }
        return b.toString();
    }

    private static String params(Map<String, Double> params) {
        if (params.isEmpty()) {
            return "—";
        }
        return params.entrySet().stream().map(e -> e.getKey() + " = " + Format.num(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
