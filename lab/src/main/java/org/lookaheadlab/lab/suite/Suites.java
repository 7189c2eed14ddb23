package org.lookaheadlab.lab.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.experiment.Contender;
import org.lookaheadlab.lab.experiment.Protocol;
import org.lookaheadlab.lab.experiment.SearchParam;
import org.lookaheadlab.lab.experiment.SearchSpace;
import org.lookaheadlab.lab.model.ModelSpec;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * The workloads of {@code compare --suite} and the named suites. Every workload holds out 20% of its training rows
 * for validation, tunes with TPE (sampler seed 0, tuning seed 0) on final validation loss, evaluates its verdict
 * runs every {@code evalEvery} steps (for time to target) and retrains over 3 verdict seeds:
 * <ul>
 *   <li>{@code mlp}: mnist1d (4,000 train rows), the benchmark MLP ({@code mnist1d-mlp}), 5 epochs, 10 trials;</li>
 *   <li>{@code cnn}: mnist1d, the benchmark CNN, 5 epochs, 10 trials;</li>
 *   <li>{@code gru}: mnist1d, the benchmark GRU, 5 epochs, 10 trials;</li>
 *   <li>{@code nqm}: the noisy quadratic model as a training workload ({@code nqm} data and model: dimension 100,
 *       hᵢ = 1/i, σᵢ² = hᵢ, x₀ = 1), 5 epochs, 10 trials.</li>
 * </ul>
 * Suite {@code small} is all four. The default contenders are Adam and Lookahead(Adam, k = 5, α = 0.5), lr
 * log-uniform in [1e-5, 1e-1].
 */
public final class Suites {

    /** The named suites. */
    public static final Map<String, List<String>> SUITES = Map.of("small", List.of("mlp", "cnn", "gru", "nqm"));

    private static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

    static {
        Protocol p = new Protocol(5, 100, ObjectiveMetric.FINAL_VAL_LOSS, 10, "tpe", 0, 0, 3, List.of(), "none")
                .withEvalEvery(8);
        add(new Workload("mlp", "mnist1d, benchmark MLP", mnist1d(), ModelSpec.of("mnist1d-mlp"), p));
        add(new Workload("cnn", "mnist1d, benchmark CNN", mnist1d(), ModelSpec.of("cnn"), p));
        add(new Workload("gru", "mnist1d, benchmark GRU", mnist1d(), ModelSpec.of("gru"), p));
        add(new Workload("nqm", "noisy quadratic model, dim 100, h_i = 1/i", new DataSpec("nqm",
                DataSpec.DEFAULT_VAL_SPLIT), ModelSpec.of("nqm"), p));
    }

    private Suites() {}

    private static DataSpec mnist1d() {
        return new DataSpec("mnist1d", DataSpec.DEFAULT_VAL_SPLIT);
    }

    private static void add(Workload w) {
        WORKLOADS.put(w.name(), w);
    }

    /** Every workload name. */
    public static List<String> workloadNames() {
        return List.copyOf(WORKLOADS.keySet());
    }

    /**
     * The workloads of {@code text}: a suite name ({@code small}) or workload names {@code NAME,NAME...}.
     *
     * @throws IllegalArgumentException naming the unknown or repeated name and the accepted ones
     */
    public static List<Workload> resolve(String text) {
        String t = text == null ? "" : text.trim();
        List<String> names = SUITES.containsKey(t) ? SUITES.get(t) : List.of(t.split("\\s*,\\s*"));
        List<Workload> out = new ArrayList<>();
        for (String n : names) {
            Workload w = WORKLOADS.get(n);
            if (w == null) {
                throw new IllegalArgumentException("--suite names '" + n + "', accepted: a suite (" + String.join(", ",
                        SUITES.keySet()) + ") or workloads NAME,NAME... of " + String.join(", ", WORKLOADS.keySet()));
            }
            if (out.contains(w)) {
                throw new IllegalArgumentException("--suite names workload '" + n + "' twice");
            }
            out.add(w);
        }
        return out;
    }

    /** Adam and Lookahead(Adam, k = 5, α = 0.5), lr log-uniform in [1e-5, 1e-1]. */
    public static List<Contender> defaultContenders() {
        SearchSpace lr = SearchSpace.of(new SearchParam("lr", 1e-5, 1e-1, true));
        OptimizerSpec adam = OptimizerSpec.of("adam");
        return List.of(new Contender("adam", adam, lr), new Contender("lookahead-adam",
                OptimizerSpec.wrap("lookahead", adam, Map.of("k", 5, "alpha", 0.5)), lr));
    }
}
