package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.Progress;
import org.lookaheadlab.lab.report.ReportRenderer;
import org.lookaheadlab.lab.suite.SuiteSummary;
import org.lookaheadlab.lab.suite.Workload;
import org.lookaheadlab.lab.suite.WorkloadOutcome;

/**
 * {@code compare --suite}: the same contenders on every workload, each a full comparison ({@link ComparisonRun}, the
 * one comparison path) in its own folder {@code <suite folder>/<workload>} with its own studies, verdict and report;
 * then the {@link SuiteSummary} in the suite folder. A workload that stops with an error, or whose every run
 * diverged, is reported as failed and the others go on.
 */
final class SuiteRun {

    private SuiteRun() {}

    /**
     * Runs every workload and writes the summary.
     *
     * @param configure the command's overrides applied to each workload's experiment
     */
    static SuiteSummary run(String suiteText, List<Workload> workloads, List<Contender> contenders,
            UnaryOperator<Experiment> configure, Path suiteDir, EngineThreadsOption threads, JobsOption jobs,
            BatchRunsOption batchRuns, int rerunKilled, boolean quiet,
            PrintWriter out) {
        List<WorkloadOutcome> outcomes = new ArrayList<>();
        for (Workload w : workloads) {
            Path dir = suiteDir.resolve(w.name());
            out.println("workload " + w.name() + " (" + w.description() + "): " + dir);
            out.flush();
            WorkloadOutcome outcome;
            try {
                Experiment e = configure.apply(w.experiment(contenders));
                int runsAtOnce = jobs.resolve(threads.configure(e.model().name()));
                ComparisonRun.Done done = ComparisonRun.run(e, dir, "sqlite:" + dir.resolve("studies.db"),
                        quiet ? Progress.SILENT : Progress.console(), runsAtOnce, batchRuns.resolve(e.model()), rerunKilled);
                try {
                    ReportRenderer.renderReport(done.result(), done.analysis(), dir);
                } catch (UncheckedIOException ex) {
                    out.println("workload " + w.name() + ": report not rendered (" + ex.getMessage()
                            + "); its results.json is complete");
                }
                outcome = new WorkloadOutcome(w, done.result(), done.analysis(), null);
            } catch (Exception ex) {
                outcome = WorkloadOutcome.failed(w, ex.getClass().getSimpleName() + ": " + ex.getMessage());
            }
            if (outcome.failure() != null) {
                out.println("workload " + w.name() + ": FAILED: " + outcome.failure());
                out.flush();
            }
            outcomes.add(outcome);
        }
        SuiteSummary summary = new SuiteSummary(suiteText, contenders.stream().map(Contender::name).toList(),
                outcomes);
        summary.write(suiteDir);
        return summary;
    }
}
