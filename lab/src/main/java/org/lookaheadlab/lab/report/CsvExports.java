package org.lookaheadlab.lab.report;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.experiment.TrialRecord;
import org.lookaheadlab.lab.io.AtomicFiles;
import org.lookaheadlab.lab.train.EpochMetrics;

/**
 * {@code trials.csv} (one row per tuning trial; one column per hyperparameter of any contender) and
 * {@code history.csv} (one row per epoch of every verdict and sweep run). Numbers use {@link Double#toString}
 * (full round-trip precision); empty cells mean "not applicable".
 */
final class CsvExports {

    private CsvExports() {}

    static void writeTrials(ExperimentResult result, Path file) {
        List<String> params = List.copyOf(result.contenders().stream().flatMap(c -> c.trials().stream())
                .flatMap(t -> t.params().keySet().stream()).collect(Collectors.toCollection(TreeSet::new)));
        StringBuilder b = new StringBuilder("contender,number,state,value");
        params.forEach(p -> b.append(',').append(Escape.csv("param_" + p)));
        b.append(",message\n");
        for (ContenderResult c : result.contenders()) {
            for (TrialRecord t : c.trials()) {
                b.append(Escape.csv(c.name())).append(',').append(t.number()).append(',').append(t.state())
                        .append(',').append(t.value() == null ? "" : t.value().toString());
                for (String p : params) {
                    Double v = t.params().get(p);
                    b.append(',').append(v == null ? "" : v.toString());
                }
                b.append(',').append(Escape.csv(t.message())).append('\n');
            }
        }
        AtomicFiles.writeString(file, b.toString());
    }

    static void writeHistory(ExperimentResult result, Path file) {
        StringBuilder b = new StringBuilder("contender,run,seed,batch_size,status,epoch,step,train_loss,"
                + "train_accuracy,val_loss,val_accuracy,test_loss,test_accuracy,elapsed_seconds\n");
        for (ContenderResult c : result.contenders()) {
            Stream.concat(c.seedRuns().stream().map(r -> new Object[] {"verdict", r}),
                            c.sweepRuns().stream().map(r -> new Object[] {"sweep", r}))
                    .forEach(pair -> {
                        SeedRun r = (SeedRun) pair[1];
                        for (EpochMetrics m : r.history()) {
                            b.append(Escape.csv(c.name())).append(',').append(pair[0]).append(',')
                                    .append(r.seed()).append(',').append(r.batchSize()).append(',')
                                    .append(r.status()).append(',').append(m.epoch()).append(',')
                                    .append(m.step()).append(',').append(m.trainLoss()).append(',')
                                    .append(m.trainAccuracy()).append(',').append(m.validationLoss()).append(',')
                                    .append(m.validationAccuracy()).append(',').append(m.testLoss()).append(',')
                                    .append(m.testAccuracy()).append(',').append(m.elapsedSeconds()).append('\n');
                        }
                    });
        }
        AtomicFiles.writeString(file, b.toString());
    }
}
