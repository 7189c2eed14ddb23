package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.experiment.SearchSpace;
import org.lookaheadlab.lab.experiment.StudyProtocol;
import org.lookaheadlab.lab.experiment.Tuning;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.StudyStoppedException;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.Storages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead tune --study NAME --storage URL --trials N --search lr=1e-5:1e-1:log[,beta=0:1] <train
 * flags>}: tunes the {@code train} command's optimizer over the search space until the study holds N COMPLETE
 * trials (trials of earlier runs and of other workers count, so a restart finishes the job). Every trial trains
 * from the same initial weights and data order ({@code --seed}); its value is {@code --objective}; a diverged run
 * fails its trial and the study goes on. {@code --jobs N} (default: one per available core) runs N trials at once
 * on threads of this process, each with one engine thread; with {@code --processes}, in N worker processes on the
 * same storage instead. With one job a seeded study is reproducible; with several, which trials are running when
 * the sampler draws (TPE's constant liar counts them as the worst value seen) depends on timing, so it is not.
 * Prints one line per finished trial of this process and, last, {@code best value=<f> params={...}}.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, resourceBundle = "org.lookaheadlab.lab.cli.OptimizerHelp",
        description = "Tune the train flags' optimizer over --search with TPE (or random); last line: "
                + "best value=<f> params={...}")
public final class TuneCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    /** The base learning rate of the trials without lr in their values: {@code --lr}, else the space's lr. */
    private double baseLr;

    @Mixin TrainOptions options;

    @Option(names = "--study", required = true, paramLabel = "NAME", description = "study name in the storage")
    String study;

    @Option(names = "--storage", required = true, paramLabel = "URL", description = "sqlite:FILE or postgresql://...")
    String storage;

    @Option(names = "--trials", required = true, paramLabel = "N", description = "COMPLETE trials to reach")
    int trials;

    @Option(names = "--search", required = true, paramLabel = "SPACE",
            description = "name=low:high[:log],... e.g. lr=1e-5:1e-1:log,beta=0:1 (beta: WeightTrajectoryLR's β)")
    String search;

    @Option(names = "--sampler", paramLabel = "NAME", defaultValue = "tpe",
            description = "tpe | random (default ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--sampler-seed", paramLabel = "S", description = "sampler seed (default: --seed)")
    Long samplerSeed;

    @Option(names = "--pruner", paramLabel = "NAME", defaultValue = "median",
            description = "median | none: median pruning on the per-epoch validation loss (default ${DEFAULT-VALUE})")
    String pruner;

    /** {@code --jobs}. */
    @Mixin
    JobsOption jobsOption = new JobsOption();

    @Option(names = "--processes", description = "run the --jobs trials in worker processes (one engine thread "
            + "each) instead of threads of this process: slower to start, but a crash of one kills only its trial")
    boolean processes;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "10",
            description = "stop the study once its last N trials all failed (diverged, or an error); 0: never "
                    + "(default ${DEFAULT-VALUE})")
    int maxFailures;

    @Option(names = TuneWorkerLauncher.WORKER_FLAG, hidden = true, description = "run as one worker of --jobs")
    boolean worker;

    @Override
    public Integer call() {
        SearchSpace space;
        ObjectiveMetric objective;
        StudyProtocol protocol;
        DataSpec data;
        try {
            space = SearchSpace.parse(search);
            objective = options.objective();
            if (trials < 1) {
                throw new IllegalArgumentException("--trials is " + trials + ", accepted range: >= 1");
            }
            jobsOption.check();
            if (maxFailures < 0) {
                throw new IllegalArgumentException("--max-failures is " + maxFailures + ", accepted range: >= 0");
            }
            Tuning.checkNames(sampler, pruner);
            if (options.lr() != null) {
                baseLr = options.lr();
            } else if (space.names().contains("lr")) {
                // the flags are validated at the space's lowest lr; every trial sets its suggested lr
                baseLr = space.params().get(space.names().indexOf("lr")).low();
            } else {
                throw new IllegalArgumentException("--lr is missing and the search space has no lr, "
                        + "accepted: --lr F or lr in --search");
            }
            TrainSpec base = options.specBuilder(baseLr).build(); // validates the train flags before any work
            space.validateFor(base.optimizer()); // and the space: no study of trials that cannot run
            data = options.dataSpec(DataSpec.DEFAULT_VAL_SPLIT); // tune selects on held-out rows by default
            protocol = StudyProtocol.of(data, base, objective, space, null, 0, null);
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Storage s = Storages.open(storage)) {
            long seed = samplerSeed != null ? samplerSeed : options.seed;
            Study st = Tuning.study(study, sampler, seed, pruner, s).maxConsecutiveFailures(maxFailures).build();
            Tuning.checkSameProtocol(st, protocol);
            int threads = options.configureEngineThreads();
            int jobs = worker ? 1 : jobsOption.resolve(threads);
            if (processes && jobs > 1 && !worker) {
                List<String> all = spec.commandLine().getParseResult().originalArgs();
                List<String> args = TuneWorkerLauncher.withoutJobs(all.subList(all.indexOf(spec.name()) + 1, all.size()));
                TuneWorkerLauncher.Outcome outcome = TuneWorkerLauncher.runWorkers(jobs, args,
                        () -> completeTrials(st) >= trials, spec.commandLine().getErr());
                int complete = completeTrials(st);
                if (complete < trials) {
                    return CommandErrors.fail(spec, CommandErrors.FAILURE, "study '" + study + "' is incomplete: "
                            + complete + " of " + trials + " COMPLETE trials (" + String.join("; ",
                            outcome.problems()) + ")");
                }
            } else {
                TrainSpec.Builder run = options.specBuilder(baseLr).validationOnly(true); // a trial's value
                new Tuning(protocol, space,
                        values -> {
                            synchronized (run) { // one builder, shared by the trial threads
                                return run.optimizer(SearchSpace.apply(options.optimizerSpec(baseLr), values)).build();
                            }
                        },
                        data.load(), objective, new TrialLines(out)).run(st, trials, Integer.MAX_VALUE, jobs);
            }
            if (!worker) {
                FrozenTrial best = st.bestTrial();
                out.printf(Locale.ROOT, "best value=%s params=%s%n", best.value(), format(best.params()));
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        } catch (StudyStoppedException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage()
                    + "; fix the cause, or raise --max-failures");
        } catch (Exception e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** One line per finished trial of this process. */
    private record TrialLines(PrintWriter out) implements Tuning.Listener {
        @Override
        public void completed(int number, Map<String, Double> values, double value) {
            print("trial %d value=%s params=%s%n", number, value, values);
        }

        @Override
        public void pruned(int number, Map<String, Double> values, String why) {
            print("trial %d PRUNED %s params=%s%n", number, why, values);
        }

        @Override
        public void diverged(int number, Map<String, Double> values, String why) {
            print("trial %d FAIL %s params=%s%n", number, why, values);
        }

        private void print(String format, int number, Object what, Map<String, Double> values) {
            synchronized (out) { // trials finish on several threads
                out.printf(Locale.ROOT, format, number, what, format(values));
                out.flush();
            }
        }
    }

    private static int completeTrials(Study st) {
        return st.trials(TrialState.COMPLETE).size();
    }

    static String format(Map<String, ?> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
