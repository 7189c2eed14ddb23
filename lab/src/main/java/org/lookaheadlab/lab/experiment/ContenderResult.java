package org.lookaheadlab.lab.experiment;

import java.util.List;
import java.util.Map;

/**
 * Everything measured for one contender: its tuning trials, the best configuration and the verdict runs.
 *
 * @param name short identifier (study name suffix, file names)
 * @param label human description of the optimizer, e.g. "TrajectoryLookahead(Adam, k=5, m=3, α=1)"
 * @param study name of the contender's study in the storage
 * @param search the tuned search space in flag form
 * @param trials every trial of the contender's study
 * @param bestParams hyperparameters of the best COMPLETE trial (empty when none completed)
 * @param bestValue objective value of the best trial, null when none completed
 * @param seedRuns retrainings of the best configuration, one per verdict seed, in seed order
 * @param sweepRuns retrainings at other batch sizes (empty without a sweep)
 * @param defaultRuns runs at the contender's own (library-default) values of the tuned hyperparameters, one per
 *     verdict seed: what tuning bought (Schmidt et al. 2021's one-shot column); empty in older results
 * @param studies with {@code --studies S > 1}: every study (the first is the one of {@code study},
 *     {@code bestParams} and {@code seedRuns}); empty with one study
 */
public record ContenderResult(
        String name,
        String label,
        String study,
        String search,
        List<TrialRecord> trials,
        Map<String, Double> bestParams,
        Double bestValue,
        List<SeedRun> seedRuns,
        List<SeedRun> sweepRuns,
        List<SeedRun> defaultRuns,
        List<StudyResult> studies) {

    /** A result without default runs. */
    public ContenderResult(String name, String label, String study, String search, List<TrialRecord> trials,
            Map<String, Double> bestParams, Double bestValue, List<SeedRun> seedRuns, List<SeedRun> sweepRuns) {
        this(name, label, study, search, trials, bestParams, bestValue, seedRuns, sweepRuns, List.of(), List.of());
    }

    /** A result with default runs and one study. */
    public ContenderResult(String name, String label, String study, String search, List<TrialRecord> trials,
            Map<String, Double> bestParams, Double bestValue, List<SeedRun> seedRuns, List<SeedRun> sweepRuns,
            List<SeedRun> defaultRuns) {
        this(name, label, study, search, trials, bestParams, bestValue, seedRuns, sweepRuns, defaultRuns, List.of());
    }

    /** A copy holding every one of its tuning studies. */
    public ContenderResult withStudies(List<StudyResult> all) {
        return new ContenderResult(name, label, study, search, trials, bestParams, bestValue, seedRuns, sweepRuns,
                defaultRuns, all);
    }

    public ContenderResult {
        defaultRuns = defaultRuns == null ? List.of() : List.copyOf(defaultRuns);
        studies = studies == null ? List.of() : List.copyOf(studies);
        trials = trials == null ? List.of() : List.copyOf(trials);
        bestParams = bestParams == null ? Map.of() : Map.copyOf(bestParams);
        seedRuns = seedRuns == null ? List.of() : List.copyOf(seedRuns);
        sweepRuns = sweepRuns == null ? List.of() : List.copyOf(sweepRuns);
    }
}
