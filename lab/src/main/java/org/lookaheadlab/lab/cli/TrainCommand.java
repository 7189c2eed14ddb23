package org.lookaheadlab.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.io.AtomicFiles;
import org.lookaheadlab.lab.train.EpochMetrics;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.lab.train.HistoryFiles;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.TrainSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead train ...}: trains one model with one optimizer and prints, as its last line,
 * {@code final test_loss=<f> test_acc=<f> val_loss=<f> train_seconds=<f>}. With {@code --out DIR}: the history
 * ({@code history.csv}, {@code history.json}), the final weights ({@code final.params}, DJL parameter format) and
 * the checkpoint ({@code checkpoint.bin}, after every epoch; {@code --resume} continues from it, a learning-rate
 * schedule included: it is a function of the restored step counters). {@code --lr} is required here (validated
 * in {@link #call()}, since the shared {@link TrainOptions} serve {@code tune} too, where lr is optional). An
 * {@code --out} folder that holds a previous run (any of {@link #RUN_FILES}) is refused unless {@code --resume}
 * continues it or {@code --overwrite} deletes those files first, so a new run's history never sits next to an
 * older run's weights. A diverged run prints one error line, exits with 1 and leaves no {@code final.params}
 * (a resumed run's earlier one is deleted); bad flags print one error line and exit with 2.
 */
@Command(name = "train", mixinStandardHelpOptions = true, resourceBundle = "org.lookaheadlab.lab.cli.OptimizerHelp",
        description = {"Train one model with one optimizer; last line: final test_loss=.. test_acc=.. val_loss=.. "
                + "train_seconds=..",
                "--lr is required. Learning-rate schedules (--lr-schedule) are torch-style, one scheduler step per "
                + "optimizer step: the lr of step t is the schedule at t-1 steps done, so step 1 uses --lr; cosine "
                + "and warmup-cosine anneal over the run's total steps (--steps, or --epochs x steps per epoch)."})
public final class TrainCommand implements Callable<Integer> {

    /** File name of the final weights in the output folder. */
    public static final String FINAL_WEIGHTS = "final.params";

    /** The files a run writes into its {@code --out} folder. */
    static final List<String> RUN_FILES = List.of(FairTrainer.CHECKPOINT_FILE, FINAL_WEIGHTS, HistoryFiles.CSV,
            HistoryFiles.JSON);

    @Spec CommandSpec spec;

    @Mixin TrainOptions options;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for history, final weights and checkpoint")
    Path out;

    @Option(names = "--resume", description = "continue from the checkpoint in --out (if there is one)")
    boolean resume;

    @Option(names = "--overwrite", description = "delete the previous run's files in --out (checkpoint, final "
            + "weights, history) before training; without it (or --resume) such a folder is refused")
    boolean overwrite;

    @Option(names = "--quiet", description = "no progress bar and no per-epoch lines")
    boolean quiet;

    @Override
    public Integer call() {
        try {
            return run();
        } finally {
            releaseFolder();
        }
    }

    /** Held while this command uses {@code --out}. */
    private RunFolderLock folderLock;

    private void releaseFolder() {
        if (folderLock != null) {
            try {
                folderLock.close();
            } catch (IOException ignored) {
                // the OS drops the lock when the process ends anyway
            }
            folderLock = null;
        }
    }

    private int run() {
        DataSplits data;
        TrainSpec trainSpec;
        ObjectiveMetric objective;
        try {
            if (resume && out == null) {
                throw new IllegalArgumentException("--resume needs --out DIR (the folder of the checkpoint)");
            }
            if (resume && overwrite) {
                throw new IllegalArgumentException("--resume and --overwrite are both set, accepted: at most one");
            }
            List<String> previous = out == null || resume ? List.of() : previousRun(out);
            if (!previous.isEmpty() && !overwrite) {
                throw new IllegalArgumentException("--out " + out + " holds a previous run ("
                        + String.join(", ", previous) + "), accepted: --resume to continue it or --overwrite to "
                        + "replace it");
            }
            options.requiredLr(); // required here; tune takes lr from its search space
            options.configureEngineThreads();
            trainSpec = options.specBuilder().checkpointDir(out).resume(resume).build();
            objective = options.objective();
            data = options.loadData();
            if (out != null) { // an unwritable folder fails now, not at the first checkpoint
                Files.createDirectories(out);
                if (!Files.isWritable(out)) {
                    throw new IOException("not writable");
                }
                folderLock = RunFolderLock.acquire(out);
            }
            for (String name : previous) { // only with --overwrite, once every flag and the data are good
                Files.deleteIfExists(out.resolve(name));
            }
        } catch (RunFolderLock.InUse e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage());
        } catch (IOException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, "cannot use --out " + out + ": " + e);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        TrainResult result;
        try (TrainProgress progress = new TrainProgress(stdout, quiet)) {
            result = new FairTrainer().train(data, trainSpec, progress);
        } catch (IllegalArgumentException e) { // e.g. a warm-up longer than the run: said in flag words
            return CommandErrors.fail(spec, CommandErrors.USAGE, ScheduleOptions.inFlagWords(e).getMessage());
        } catch (UncheckedIOException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage()); // names the file and the reason
        } catch (RuntimeException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (out != null) {
            try {
                HistoryFiles.write(out, trainSpec, result);
                if (!result.diverged()) {
                    AtomicFiles.write(out.resolve(FINAL_WEIGHTS), result.finalParameters());
                } else {
                    delete(out.resolve(FINAL_WEIGHTS)); // a resumed run's earlier weights are not this run's
                }
            } catch (UncheckedIOException e) {
                return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage()); // e.g. a full disk
            }
        }
        if (result.diverged()) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, result.message());
        }
        EpochMetrics last = result.finalMetrics();
        stdout.println(String.format(Locale.ROOT, "objective %s=%s", objective.cliName(),
                objective.of(result.history())));
        stdout.println(String.format(Locale.ROOT, "final test_loss=%.6f test_acc=%.6f val_loss=%.6f train_seconds=%.3f",
                last.testLoss(), last.testAccuracy(), last.validationLoss(), result.trainSeconds()));
        stdout.flush();
        return 0;
    }

    /** The names of {@link #RUN_FILES} present in {@code dir} (none when it does not exist). */
    static List<String> previousRun(Path dir) {
        List<String> present = new ArrayList<>();
        for (String name : RUN_FILES) {
            if (Files.exists(dir.resolve(name))) {
                present.add(name);
            }
        }
        return present;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
