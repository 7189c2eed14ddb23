package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.experiment.SearchParam;
import org.lookaheadlab.lab.experiment.SearchSpace;
import org.lookaheadlab.lab.experiment.TrialDiverged;
import org.lookaheadlab.lab.train.EpochMetrics;
import org.lookaheadlab.lab.train.FairTrainer;
import org.lookaheadlab.lab.train.Objective;
import org.lookaheadlab.lab.train.TrainListener;
import org.lookaheadlab.lab.train.TrainResult;
import org.lookaheadlab.lab.train.TrainSpec;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.StudyStoppedException;
import org.lookaheadlab.tune.Trial;
import org.lookaheadlab.tune.TrialPruned;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.pruners.MedianPruner;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.RandomSampler;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;
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
 * fails its trial and the study goes on. {@code --jobs N} starts N worker processes on the same storage, each
 * with one engine thread. Prints one line per finished trial of this process and, last,
 * {@code best value=<f> params={...}}.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
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

    @Option(names = "--sampler", paramLabel = "NAME", defaultValue = "tpe", description = "tpe | random (default ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--sampler-seed", paramLabel = "S", description = "sampler seed (default: --seed)")
    Long samplerSeed;

    @Option(names = "--pruner", paramLabel = "NAME", defaultValue = "median",
            description = "median | none: median pruning on the per-epoch validation loss (default ${DEFAULT-VALUE})")
    String pruner;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "worker processes (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--max-failures", paramLabel = "N", defaultValue = "10",
            description = "stop the study once its last N trials all failed (diverged, or an error); 0: never "
                    + "(default ${DEFAULT-VALUE})")
    int maxFailures;

    @Option(names = TuneWorkerLauncher.WORKER_FLAG, hidden = true, description = "run as one worker of --jobs")
    boolean worker;

    @Override
    public Integer call() {
        SearchSpace space;
        Objective objective;
        try {
            space = SearchSpace.parse(search);
            objective = options.objective();
            if (trials < 1) {
                throw new IllegalArgumentException("--trials is " + trials + ", accepted range: >= 1");
            }
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs is " + jobs + ", accepted range: >= 1");
            }
            if (maxFailures < 0) {
                throw new IllegalArgumentException("--max-failures is " + maxFailures + ", accepted range: >= 0");
            }
            if (!List.of("tpe", "random").contains(sampler)) {
                throw new IllegalArgumentException("sampler is '" + sampler + "', accepted: tpe, random");
            }
            if (!List.of("median", "none").contains(pruner)) {
                throw new IllegalArgumentException("pruner is '" + pruner + "', accepted: median, none");
            }
            if (options.lr() != null) {
                baseLr = options.lr();
            } else if (space.names().contains("lr")) {
                // the flags are validated at the space's lowest lr; every trial sets its suggested lr
                baseLr = space.params().get(space.names().indexOf("lr")).low();
            } else {
                throw new IllegalArgumentException("--lr is missing and the search space has no lr, "
                        + "accepted: --lr F or lr in --search");
            }
            baseSpec(Map.of()); // validates the train flags before any work starts
            space.validateFor(options.optimizerSpec(baseLr)); // and the space: no study of trials that cannot run
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Storage s = Storages.open(storage)) {
            Study st = openStudy(s);
            String protocol = protocol(space, objective);
            checkSameProtocol(st, protocol);
            if (jobs > 1 && !worker) {
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
                options.configureEngineThreads();
                DataSplits data = options.loadData();
                FairTrainer trainer = new FairTrainer();
                st.optimizeUntilComplete(trial -> {
                    trial.setUserAttr(PROTOCOL_ATTR, protocol);
                    return evaluate(trial, space, objective, data, trainer, out);
                }, trials);
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

    /** Trial attribute recording the train flags a study's trials ran under. */
    static final String PROTOCOL_ATTR = "protocol";

    /**
     * Everything that makes two trials comparable: data, validation split, model, the optimizer with the searched
     * values at their lower bounds, epochs/steps, batch size, seeds, clipping, slow-weight evaluation, dtype,
     * objective and the search space itself.
     */
    private String protocol(SearchSpace space, Objective objective) {
        Map<String, Double> lows = new LinkedHashMap<>();
        space.params().forEach(p -> lows.put(p.name(), p.low()));
        TrainSpec t = baseSpec(lows);
        return "data=" + options.dataSpec().sourceLabel() + " valSplit=" + options.valSplit + " model=" + t.model()
                + " optimizer=" + t.optimizer() + " epochs=" + t.epochs() + " steps=" + t.steps()
                + " batch=" + t.batchSize() + " initSeed=" + t.initSeed() + " shuffleSeed=" + t.shuffleSeed()
                + " contiguous=" + t.contiguousBatches() + " gradClip=" + t.gradClip() + " evalSlow=" + t.evalSlow()
                + " dtype=" + t.dtype() + " objective=" + objective.cliName() + " search=" + search;
    }

    /** Refuses to add trials of another protocol to a study: their values would not be comparable. */
    private void checkSameProtocol(Study st, String protocol) {
        for (FrozenTrial t : st.trials()) {
            Object recorded = t.userAttrs().get(PROTOCOL_ATTR);
            if (recorded != null && !recorded.equals(protocol)) {
                throw new IllegalArgumentException("study '" + study + "' holds trials run with other train flags ("
                        + recorded + "); these flags give (" + protocol + "): use a new --study name");
            }
        }
    }

    private Study openStudy(Storage s) {
        long seed = samplerSeed != null ? samplerSeed : options.seed;
        return Study.builder().name(study).direction(StudyDirection.MINIMIZE)
                .sampler(sampler.equals("random") ? new RandomSampler(seed) : new TpeSampler(seed))
                .pruner(pruner.equals("median") ? new MedianPruner() : new NopPruner())
                .storage(s).loadIfExists(true).maxConsecutiveFailures(maxFailures)
                .retryFailedTrials(1).build(); // a killed worker's trial reruns once
    }

    /** The train flags' spec with the tuned values applied (lr from the search space wins over --lr). */
    private TrainSpec baseSpec(Map<String, Double> values) {
        return options.specBuilder(baseLr).optimizer(SearchSpace.apply(options.optimizerSpec(baseLr), values)).build();
    }

    private double evaluate(Trial trial, SearchSpace space, Objective objective, DataSplits data, FairTrainer trainer,
            PrintWriter out) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (SearchParam p : space.params()) {
            values.put(p.name(), trial.suggestFloat(p.name(), p.low(), p.high(), p.log()));
        }
        TrainSpec trainSpec = baseSpec(values);
        TrainResult result;
        try {
            result = trainer.train(data, trainSpec, new TrainListener() {
                @Override
                public void onEpoch(EpochMetrics m) {
                    trial.report(m.validationLoss(), m.epoch());
                    boolean lastEpoch = trainSpec.epochs() > 0 && m.epoch() >= trainSpec.epochs();
                    if (!lastEpoch && trial.shouldPrune()) { // a finished run is complete, never pruned
                        throw new TrialPruned("pruned at epoch " + m.epoch());
                    }
                }
            });
        } catch (TrialPruned e) {
            out.printf(Locale.ROOT, "trial %d PRUNED %s params=%s%n", trial.number(), e.getMessage(), format(values));
            out.flush();
            throw e;
        }
        if (result.diverged()) {
            out.printf(Locale.ROOT, "trial %d FAIL %s params=%s%n", trial.number(), result.message(), format(values));
            out.flush();
            throw new TrialDiverged(result.message());
        }
        double value = objective.of(result.history());
        out.printf(Locale.ROOT, "trial %d value=%s params=%s%n", trial.number(), value, format(values));
        out.flush();
        return value;
    }

    private static int completeTrials(Study st) {
        return st.trials(TrialState.COMPLETE).size();
    }

    static String format(Map<String, ?> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
