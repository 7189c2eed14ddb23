package org.lookaheadlab.lab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.lookaheadlab.lab.experiment.ContenderResult;
import org.lookaheadlab.lab.experiment.ExperimentResult;
import org.lookaheadlab.lab.experiment.SeedRun;
import org.lookaheadlab.lab.train.EpochMetrics;

/**
 * Time to target: for every verdict run, the first evaluation at which its validation loss is at or below a
 * target, as optimizer steps and training seconds, or "not reached". The default target is the baseline's median
 * validation loss at the end of its verdict runs, so the question is "how soon does each contender get as good as
 * the typical tuned baseline run ends up" — the claim "converges faster" made measurable ({@code --target V}
 * sets another target). Verdict runs are evaluated once per epoch, or every {@code --eval-every N} steps, so a
 * step count is that of the first evaluation that reached the target (an upper bound at that resolution).
 *
 * @param target the validation-loss target
 * @param contenders one summary per contender, in result order
 */
public record TimeToTarget(double target, List<Summary> contenders) {

    /**
     * One contender's runs.
     *
     * @param name contender
     * @param reached runs that reached the target
     * @param runs completed verdict runs
     * @param medianSteps median steps to the target over the runs that reached it (NaN when none did)
     * @param medianSeconds median training seconds to the target, likewise
     */
    public record Summary(String name, int reached, int runs, double medianSteps, double medianSeconds) {}

    /** The baseline's median final validation loss over its completed verdict runs, if it has any. */
    public static OptionalDouble defaultTarget(ExperimentResult result) {
        double[] finals = result.baseline().seedRuns().stream().filter(SeedRun::completed)
                .mapToDouble(r -> r.history().get(r.history().size() - 1).validationLoss()).toArray();
        return finals.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(median(finals));
    }

    /** The target of {@code result}: its {@code --target}, else {@link #defaultTarget}. */
    public static OptionalDouble target(ExperimentResult result) {
        Double given = result.setup().target();
        return given != null ? OptionalDouble.of(given) : defaultTarget(result);
    }

    /** Steps to {@code target} of every completed verdict run of {@code c} that reached it. */
    static double[] stepsToTarget(ContenderResult c, double target) {
        return c.seedRuns().stream().filter(SeedRun::completed).map(r -> first(r, target)).filter(
                java.util.Optional::isPresent).mapToDouble(m -> m.get().step()).toArray();
    }

    /** Time to {@code target} for every contender of {@code result}. */
    public static TimeToTarget of(ExperimentResult result, double target) {
        List<Summary> out = new ArrayList<>();
        for (ContenderResult c : result.contenders()) {
            List<Double> steps = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            int runs = 0;
            for (SeedRun r : c.seedRuns()) {
                if (!r.completed()) {
                    continue;
                }
                runs++;
                first(r, target).ifPresent(m -> {
                    steps.add((double) m.step());
                    seconds.add(m.elapsedSeconds());
                });
            }
            out.add(new Summary(c.name(), steps.size(), runs, median(unbox(steps)), median(unbox(seconds))));
        }
        return new TimeToTarget(target, out);
    }

    /**
     * The median over every completed verdict run of {@code c} of its time to {@code target} — optimizer steps, or
     * training seconds with {@code seconds} — counting a run that never reached the target as +∞ (so the median is
     * +∞ when half or more of the runs missed it, as AlgoPerf scores a missed target); NaN without completed runs.
     */
    public static double medianCountingMisses(ContenderResult c, double target, boolean seconds) {
        double[] times = c.seedRuns().stream().filter(SeedRun::completed).mapToDouble(r -> first(r, target)
                .map(m -> seconds ? m.elapsedSeconds() : (double) m.step()).orElse(Double.POSITIVE_INFINITY))
                .toArray();
        return median(times);
    }

    /** The first evaluation of {@code run} with validation loss at or below {@code target}. */
    static java.util.Optional<EpochMetrics> first(SeedRun run, double target) {
        return run.history().stream().filter(m -> m.validationLoss() <= target).findFirst();
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The median, NaN for no values. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
