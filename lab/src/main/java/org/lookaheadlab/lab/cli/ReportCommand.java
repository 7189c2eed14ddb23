package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.report.ComparisonAnalysis;
import org.lookaheadlab.lab.report.ReadmeSummary;
import org.lookaheadlab.lab.report.ReportRenderer;
import org.lookaheadlab.lab.suite.SuiteSummary;
import org.lookaheadlab.lab.suite.WorkloadOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead report DIR}: re-renders a compare run folder from its {@code results.json}; for a
 * {@code compare --suite} folder, every workload's report and the suite's summary.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render a compare run folder (report.md, report.html, plots, CSV) from its results.json.")
public final class ReportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a run folder written by compare (or compare --suite)")
    Path dir;

    @Option(names = "--summary", paramLabel = "COMMAND",
            description = "print only the README's Markdown summary of the run (COMMAND: how it was run), render nothing")
    String summary;

    @Override
    public Integer call() {
        if (summary != null) {
            try {
                PrintWriter out = spec.commandLine().getOut();
                out.print(ReadmeSummary.of(ResultsJson.read(dir), summary));
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
            }
        }
        if (!java.nio.file.Files.isDirectory(dir)) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, "no results.json in " + dir
                    + " (not a folder), accepted: a run folder written by compare");
        }
        if (SuiteSummary.isSuiteFolder(dir)) {
            return renderSuite();
        }
        try (RunFolderLock lock = RunFolderLock.acquire(dir)) {
            ExperimentResult result = ResultsJson.read(dir);
            ComparisonAnalysis analysis = ComparisonAnalysis.of(result);
            PrintWriter out = spec.commandLine().getOut();
            analysis.verdicts().forEach(out::println);
            ComparisonAnalysis.selectionCaveat(result.setup()).ifPresent(out::println);
            out.flush();
            ReportRenderer.refreshVerdict(result, analysis, dir);
            ReportRenderer.renderReport(result, analysis, dir);
            out.println("report: " + dir.resolve("report.html"));
            out.flush();
            return 0;
        } catch (UncheckedIOException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage()); // names the file and the reason
        } catch (RunFolderLock.InUse e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage());
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        } catch (java.io.IOException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, "cannot lock run folder " + dir + ": " + e);
        } catch (RuntimeException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * A suite folder: every workload's report is rendered again from its own results.json, then the suite's
     * summary (verdicts side by side, performance profiles) is recomputed from them and rewritten.
     */
    private Integer renderSuite() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            SuiteSummary summary = SuiteSummary.read(dir);
            for (WorkloadOutcome o : summary.outcomes()) {
                if (o.result() == null) {
                    continue;
                }
                Path runDir = dir.resolve(o.workload().name());
                try (RunFolderLock lock = RunFolderLock.acquire(runDir)) {
                    ReportRenderer.refreshVerdict(o.result(), o.analysis(), runDir);
                    ReportRenderer.renderReport(o.result(), o.analysis(), runDir);
                }
                out.println("report: " + runDir.resolve("report.html"));
            }
            summary.write(dir);
            summary.lines().forEach(out::println);
            out.println("summary: " + dir.resolve(SuiteSummary.FILE_NAME));
            out.flush();
            return 0;
        } catch (UncheckedIOException | RunFolderLock.InUse e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage());
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        } catch (java.io.IOException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, "cannot lock run folder in " + dir + ": " + e);
        }
    }
}
