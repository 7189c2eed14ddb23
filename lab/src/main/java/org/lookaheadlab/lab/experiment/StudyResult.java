package org.lookaheadlab.lab.experiment;

import java.util.List;
import java.util.Map;

/**
 * One of a contender's independent tuning studies ({@code --studies S}): its best configuration and that
 * configuration's runs over the verdict seeds.
 *
 * @param study the study's name in the storage
 * @param bestParams the best COMPLETE trial's hyperparameters (empty when none completed)
 * @param bestValue its objective, null when none completed
 * @param seedRuns the best configuration retrained once per verdict seed, in seed order
 */
public record StudyResult(String study, Map<String, Double> bestParams, Double bestValue, List<SeedRun> seedRuns) {

    public StudyResult {
        bestParams = bestParams == null ? Map.of() : Map.copyOf(bestParams);
        seedRuns = seedRuns == null ? List.of() : List.copyOf(seedRuns);
    }
}
