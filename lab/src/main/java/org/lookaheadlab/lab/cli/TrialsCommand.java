package org.lookaheadlab.lab.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StoredStudy;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.StorageException;
import org.lookaheadlab.tune.storage.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead trials --study NAME --storage URL [--csv]}: one row per trial of the study, by number:
 * number, state, value (one column per objective of a multi-objective Optuna study), each parameter (external
 * value), start and end (local time). A table, or CSV with {@code --csv} (empty cells for what a trial lacks).
 */
@Command(name = "trials", mixinStandardHelpOptions = true,
        description = "List the trials of a study: number, state, value, parameters, start and end (table or CSV).")
public final class TrialsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    @Spec CommandSpec spec;

    @Option(names = "--study", required = true, paramLabel = "NAME", description = "study name in the storage")
    String study;

    @Option(names = "--storage", required = true, paramLabel = "URL", description = "sqlite:FILE or postgresql://...")
    String storage;

    @Option(names = "--csv", description = "print CSV instead of a table")
    boolean csv;

    @Override
    public Integer call() {
        List<List<String>> rows;
        try (Storage s = Storages.openExisting(storage)) {
            List<StoredStudy> studies = s.getAllStudies();
            StoredStudy found = studies.stream().filter(st -> st.name().equals(study)).findFirst().orElse(null);
            if (found == null) {
                return CommandErrors.fail(spec, CommandErrors.USAGE, "no study named '" + study + "' in storage '"
                        + Storages.redact(storage) + "', accepted: " + (studies.isEmpty() ? "none (it holds no study)"
                        : studies.stream().map(StoredStudy::name).collect(Collectors.joining(", "))));
            }
            rows = rows(found, s.getAllTrials(found.studyId()));
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        } catch (StorageException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage());
        }
        TextTable.print(spec.commandLine().getOut(), rows, csv);
        return 0;
    }

    private static List<List<String>> rows(StoredStudy study, List<FrozenTrial> trials) {
        int objectives = study.directions().size();
        Set<String> params = new LinkedHashSet<>();
        trials.forEach(t -> params.addAll(t.params().keySet()));
        List<String> header = new ArrayList<>(List.of("number", "state"));
        for (int k = 0; k < objectives; k++) {
            header.add(objectives == 1 ? "value" : "value_" + k);
        }
        header.addAll(params);
        header.addAll(List.of("datetime_start", "datetime_complete"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (FrozenTrial t : trials) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(t.number()), t.state().name()));
            for (int k = 0; k < objectives; k++) {
                row.add(k < t.values().size() ? t.values().get(k).toString() : "");
            }
            for (String p : params) {
                Object v = t.params().get(p);
                row.add(v == null ? "" : v.toString());
            }
            row.add(time(t.start()));
            row.add(time(t.end()));
            rows.add(row);
        }
        return rows;
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(LocalDateTime.ofInstant(t, ZoneId.systemDefault()));
    }
}
