package org.lookaheadlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a comparison contains, as text for the terminal ({@code compare --show}, {@code presets}): data, model,
 * protocol in the names of the {@code compare} flags that override it, and every contender's optimizer in the
 * {@code --contender} SPEC syntax ({@link org.lookaheadlab.optim.spec.OptimizerSpec#format}) with its search space in the
 * {@code --search} form.
 */
public final class ExperimentSummary {

    private ExperimentSummary() {}

    /** The full description, one fact per line. */
    public static List<String> lines(Experiment e) {
        Protocol p = e.protocol();
        List<Long> seeds = p.seedList();
        List<String> out = new ArrayList<>();
        out.add("comparison: " + e.name() + (e.preset() != null ? " (preset " + e.preset() + ")" : ""));
        out.add("data: " + e.data().label());
        out.add("model: " + model(e));
        out.add("protocol: epochs=" + p.epochs() + " batch-size=" + p.batchSize()
                + (p.batchSizes().isEmpty() ? "" : " batch-sizes=" + join(p.batchSizes()))
                + " objective=" + p.objective().cliName() + " trials=" + p.trials() + " seeds=" + p.seeds()
                + " sampler=" + p.sampler() + " sampler-seed=" + p.samplerSeed() + " pruner=" + p.pruner()
                + (p.studies() > 1 ? " studies=" + p.studies() : "") + " tune-batch=" + e.tuneBatch());
        out.add("seeds: tuning trials start from seed " + p.tuneSeed()
                + (p.studies() > 1 ? ".." + p.tuneSeed(p.studies() - 1) + " (one per study)" : "") + "; verdict seeds "
                + seeds.get(0)
                + (seeds.size() > 1 ? ".." + seeds.get(seeds.size() - 1) : ""));
        out.add("lr schedule: " + e.scheduleDescription());
        out.add("contenders (the first is the baseline): NAME = SPEC, search SPACE");
        for (Contender c : e.contenders()) {
            out.add("  " + c.name() + " = " + c.optimizer().format() + ", search " + c.search());
        }
        List<String> onEvaluationWeights = e.contenders().stream().filter(Contender::evalWeights).map(Contender::name)
                .toList();
        out.add("evaluated on their evaluation weights (slow weights, averages, schedule-free x): "
                + (onEvaluationWeights.isEmpty() ? "none (every contender on its training weights)"
                        : String.join(", ", onEvaluationWeights)));
        return out;
    }

    /** One line: the contenders, data, model and budget, e.g. for a list of presets. */
    public static String oneLine(Experiment e) {
        Protocol p = e.protocol();
        return e.contenders().stream().map(Contender::name).collect(Collectors.joining(" vs ")) + " on "
                + e.data().label() + ", " + model(e) + "; " + p.epochs() + " epochs, " + p.trials() + " trials, "
                + p.seeds() + " seeds, " + p.objective().cliName();
    }

    private static String model(Experiment e) {
        String name = e.model().toString(); // mlp:H1,H2 unless the default hidden sizes, then plain mlp
        return name.equals("mlp")
                ? name + " (hidden " + Arrays.stream(e.model().hiddenSizes()).mapToObj(String::valueOf)
                        .collect(Collectors.joining(",")) + ")"
                : name;
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
