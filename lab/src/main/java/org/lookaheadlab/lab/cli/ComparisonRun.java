package org.lookaheadlab.lab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.experiment.Experiment;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.ExperimentRunner;
import org.lookaheadlab.lab.experiment.Progress;
import org.lookaheadlab.lab.report.ComparisonAnalysis;
import org.lookaheadlab.lab.report.ReportRenderer;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;

/**
 * One comparison, start to results: loads and checks the experiment's data (before the run folder exists), creates
 * and locks the run folder, records its format, opens the storage, runs {@link ExperimentRunner} and writes
 * {@code results.json} with the verdict. The one execution path of {@code compare} and of each workload of
 * {@code compare --suite}; rendering the report files is left to the caller.
 */
final class ComparisonRun {

    /**
     * A finished comparison.
     *
     * @param result what ran
     * @param analysis its verdict, as written into results.json
     */
    record Done(ExperimentResult result, ComparisonAnalysis analysis) {}

    private ComparisonRun() {}

    /**
     * Runs {@code experiment} in {@code runDir} with studies in {@code storageUrl}, {@code jobs} trainings at once,
     * verdict runs {@code batchRuns} at a time as one batched computation ({@link ExperimentRunner}), a trial killed
     * while it ran rerun up to {@code rerunKilled} times ({@link ExperimentRunner#rerunKilledTrials}).
     *
     * @throws IllegalArgumentException for what the experiment's data or schedule rejects (nothing is created)
     * @throws RunFolderLock.InUse when another process holds the folder
     * @throws Exception anything else that stopped the run; a folder this call created and left empty is removed
     */
    static Done run(Experiment experiment, Path runDir, String storageUrl, Progress progress, int jobs,
            int batchRuns, int rerunKilled) throws Exception {
        boolean createdRunDir = !Files.exists(runDir);
        try {
            // everything that can be rejected is checked before the run folder is created
            DataSplits splits = experiment.data().load();
            try {
                experiment.checkScheduleFits(splits.train().size());
            } catch (IllegalArgumentException e) { // a warm-up longer than a run: in flag words
                throw ScheduleOptions.inFlagWords(e);
            }
            Files.createDirectories(runDir);
            try (RunFolderLock lock = RunFolderLock.acquire(runDir)) {
                RunFolderFormat.checkAndRecord(runDir);
                ExperimentResult result;
                try (Storage s = Storages.open(storageUrl)) {
                    result = new ExperimentRunner(experiment, splits, s, CompareCommand.storageLabel(storageUrl),
                            runDir, progress, jobs, batchRuns).rerunKilledTrials(rerunKilled).run();
                }
                // the verdict and results.json first: a report that cannot be rendered (a full disk) loses neither
                return new Done(result, ReportRenderer.writeResults(result, runDir));
            }
        } catch (RunFolderLock.InUse e) {
            throw e;
        } catch (Exception e) {
            removeIfEmpty(runDir, createdRunDir);
            throw e;
        }
    }

    /**
     * A run folder this invocation created and left without results (e.g. the storage URL was refused; only its
     * lock and format files) is removed.
     */
    private static void removeIfEmpty(Path dir, boolean created) {
        if (!created || !Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            List<String> bookkeeping = List.of(RunFolderLock.FILE, RunFolderFormat.FILE);
            if (entries.allMatch(p -> bookkeeping.contains(p.getFileName().toString()))) {
                for (String f : bookkeeping) {
                    Files.deleteIfExists(dir.resolve(f));
                }
                Files.delete(dir);
            }
        } catch (java.io.IOException ignored) {
            // best effort: the error line printed by the caller is what matters
        }
    }
}
