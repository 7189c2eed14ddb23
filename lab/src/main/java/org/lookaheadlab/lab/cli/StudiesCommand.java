package org.lookaheadlab.lab.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StoredStudy;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.StorageException;
import org.lookaheadlab.tune.storage.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead studies --storage URL}: one row per study of the storage (ours and Optuna's alike): name,
 * direction (several for a multi-objective Optuna study), trials in all and by state, and the best COMPLETE value
 * ({@code -} when there is none, or when the study has several objectives).
 */
@Command(name = "studies", mixinStandardHelpOptions = true,
        description = "List the studies of a storage: name, direction, trials by state, best value.")
public final class StudiesCommand implements Callable<Integer> {

    private static final List<TrialState> STATES = List.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL,
            TrialState.RUNNING, TrialState.WAITING);

    @Spec CommandSpec spec;

    @Option(names = "--storage", required = true, paramLabel = "URL", description = "sqlite:FILE or postgresql://...")
    String storage;

    @Override
    public Integer call() {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("study", "direction", "trials"));
        STATES.forEach(s -> header.add(s.name()));
        header.add("best value");
        rows.add(header);
        try (Storage s = Storages.openExisting(storage)) {
            for (StoredStudy study : s.getAllStudies()) {
                rows.add(row(study, s.getAllTrials(study.studyId())));
            }
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        } catch (StorageException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage());
        }
        TextTable.print(spec.commandLine().getOut(), rows, false);
        return 0;
    }

    private static List<String> row(StoredStudy study, List<FrozenTrial> trials) {
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        trials.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
        List<String> row = new ArrayList<>(List.of(study.name(),
                study.directions().stream().map(Enum::name).collect(Collectors.joining(",")),
                Integer.toString(trials.size())));
        STATES.forEach(s -> row.add(Integer.toString(counts.getOrDefault(s, 0))));
        row.add(best(study, trials));
        return row;
    }

    private static String best(StoredStudy study, List<FrozenTrial> trials) {
        if (!study.singleObjective()) {
            return "- (" + study.directions().size() + " objectives)";
        }
        StudyDirection direction = study.directions().get(0);
        Double best = null;
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.COMPLETE && t.value() != null
                    && (best == null || direction.isBetter(t.value(), best))) {
                best = t.value();
            }
        }
        return best == null ? "-" : best.toString();
    }
}
