package org.lookaheadlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Registry;

/**
 * The contenders of a custom comparison from the {@code compare} flags: {@code --contender NAME=SPEC} (SPEC in the
 * optimizer spec text, {@link OptimizerSpec#parse}) and {@code --search NAME:SPACE} (SPACE in {@link SearchSpace#parse} form). A
 * contender without {@code --search} tunes {@code lr=1e-5:1e-1:log}, plus {@code beta=0:1} when it has a
 * WeightTrajectoryLR. The order of the {@code --contender} flags is kept; the first is the baseline.
 */
public final class CustomContenders {

    /** The search space of a contender without {@code --search}, before β. */
    public static final SearchParam DEFAULT_LR = new SearchParam("lr", 1e-5, 1e-1, true);
    /** The β range added for a contender with a WeightTrajectoryLR. */
    public static final SearchParam DEFAULT_BETA = new SearchParam("beta", 0, 1, false);

    /** The protocol of a comparison without a preset ({@link #experiment}). */
    public static final Protocol DEFAULT_PROTOCOL =
            new Protocol(5, 100, ObjectiveMetric.FINAL_VAL_LOSS, 20, "tpe", 0, 0, 5, List.of(), "none");

    private static final String CONTENDER_FORM = "accepted form: --contender NAME=SPEC, e.g. la=lookahead(adam,k=5)";
    private static final String SEARCH_FORM = "accepted form: --search NAME:lr=1e-5:1e-1:log[,beta=0:1]";

    private CustomContenders() {}

    /**
     * The contenders, in flag order.
     *
     * @param contenders the {@code --contender} values, at least one
     * @param searches the {@code --search} values (may be empty), each naming one of the contenders
     * @throws IllegalArgumentException one line naming the bad flag value and the accepted form
     */
    public static List<Contender> parse(List<String> contenders, List<String> searches) {
        if (contenders == null || contenders.isEmpty()) {
            throw new IllegalArgumentException("no contender given, " + CONTENDER_FORM);
        }
        Map<String, OptimizerSpec> specs = new LinkedHashMap<>();
        for (String flag : contenders) {
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("contender '" + flag + "' has no NAME=, " + CONTENDER_FORM);
            }
            String name = flag.substring(0, eq).trim();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("contender name '" + name + "' is not accepted: letters, digits, "
                        + "- _ . (starting with a letter or digit), " + CONTENDER_FORM);
            }
            OptimizerSpec parsed;
            try {
                parsed = OptimizerSpec.parse(flag.substring(eq + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("contender '" + name + "': " + e.getMessage() + "; "
                        + CONTENDER_FORM, e);
            }
            if (specs.put(name, parsed) != null) {
                throw new IllegalArgumentException("contender name '" + name + "' is given twice, accepted: "
                        + "distinct names");
            }
        }
        Map<String, SearchSpace> spaces = new LinkedHashMap<>();
        for (String flag : searches == null ? List.<String>of() : searches) {
            int colon = flag.indexOf(':');
            if (colon <= 0 || flag.substring(0, colon).contains("=")) {
                throw new IllegalArgumentException("search '" + flag + "' has no NAME:, " + SEARCH_FORM);
            }
            String name = flag.substring(0, colon).trim();
            if (!specs.containsKey(name)) {
                throw new IllegalArgumentException("search '" + flag + "' names no contender, accepted names: "
                        + String.join(", ", specs.keySet()));
            }
            SearchSpace space;
            try {
                space = SearchSpace.parse(flag.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("search of contender '" + name + "': " + e.getMessage(), e);
            }
            if (spaces.put(name, space) != null) {
                throw new IllegalArgumentException("search of contender '" + name + "' is given twice, accepted: "
                        + "one --search per contender");
            }
        }
        List<Contender> out = new ArrayList<>();
        specs.forEach((name, spec) -> {
            try {
                out.add(new Contender(name, spec, spaces.getOrDefault(name, defaultSearch(spec))));
            } catch (IllegalArgumentException e) { // the space names what the optimizer lacks, or does not fit
                throw new IllegalArgumentException("search of contender '" + name + "': " + e.getMessage(), e);
            }
        });
        return out;
    }

    /**
     * A comparison of {@code contenders} without a preset ({@code preset} null, name {@code custom}): data mnist1d,
     * MLP(100), 5 epochs, batch 100, final validation loss, 20 TPE trials (sampler seed 0, tuning seed 0),
     * 5 verdict seeds, no pruning.
     */
    public static Experiment experiment(List<Contender> contenders) {
        return new Experiment("custom", null, new DataSpec("mnist1d", DataSpec.DEFAULT_VAL_SPLIT), ModelSpec.of("mlp"), DEFAULT_PROTOCOL, contenders);
    }

    /** {@code lr=1e-5:1e-1:log}, plus {@code beta=0:1} when {@code spec}'s chain has a WeightTrajectoryLR. */
    public static SearchSpace defaultSearch(OptimizerSpec spec) {
        return spec.chain().stream().anyMatch(s -> s.name().equals(Registry.WTLR))
                ? SearchSpace.of(DEFAULT_LR, DEFAULT_BETA)
                : SearchSpace.of(DEFAULT_LR);
    }
}
