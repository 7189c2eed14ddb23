package org.lookaheadlab.optim.batched;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lookaheadlab.optim.spec.OptimizerRecord;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Param;
import org.lookaheadlab.optim.spec.Range;
import org.lookaheadlab.optim.spec.RegistryRecord;
import org.lookaheadlab.optim.spec.ScheduleRecord;
import org.lookaheadlab.optim.spec.ScheduleSpec;
import org.lookaheadlab.optim.spec.WrapperRecord;

/**
 * Draws the hyperparameters of R runs of one registry record, each value inside the record's declared range and
 * near its default (so the small problem stays stable): a real in a unit interval within ±0.3 of its default, any
 * other positive default times a factor in [0.5, 1.5), a small lr up to ten times its default, a zero default
 * mostly replaced by a small value (clipGrad's "none" by a bound the gradients reach), integers in [low, 2·max(default, 2)], booleans at random; a CHOICE is drawn once for
 * all runs (the batched runs must share it). A draw the spec's constructor rejects (e.g. m &gt; k) is drawn again.
 */
final class SpecDraw {

    private final SplittableRandom random;
    private final Map<String, Object> choices = new LinkedHashMap<>();

    SpecDraw(long seed) {
        random = new SplittableRandom(seed);
    }

    /** R specs of {@code record} (a wrapper around a drawn Adam). */
    List<OptimizerSpec> specs(OptimizerRecord record, int runs) {
        List<OptimizerSpec> out = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            out.add(retry(() -> {
                Map<String, Object> values = values(record);
                if (record instanceof WrapperRecord w) {
                    return OptimizerSpec.wrap(w.name(), adam(), values);
                }
                return OptimizerSpec.of(record.name(), values);
            }));
        }
        return out;
    }

    /** R Adam specs, each with its own lr and a drawn schedule {@code schedule}. */
    List<OptimizerSpec> scheduled(ScheduleRecord schedule, int runs) {
        List<OptimizerSpec> out = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            out.add(retry(() -> {
                OptimizerSpec.Base base = adam();
                Map<String, Object> values = values(schedule);
                values.computeIfPresent("lrMin", (k, v) -> (Double) v * base.lr());
                values.computeIfPresent("stepSize", (k, v) -> 1 + random.nextInt(20));
                values.computeIfPresent("warmupSteps", (k, v) -> 1 + random.nextInt(20));
                values.computeIfPresent("totalSteps", (k, v) -> random.nextBoolean() ? 0L : 50L + random.nextInt(80));
                return base.withSchedule(new ScheduleSpec(schedule.name(), values));
            }));
        }
        return out;
    }

    private OptimizerSpec.Base adam() {
        return (OptimizerSpec.Base) retry(() -> OptimizerSpec.of("adam", values(
                org.lookaheadlab.optim.spec.Registry.base("adam"))));
    }

    private <T> T retry(java.util.function.Supplier<T> draw) {
        IllegalArgumentException last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            try {
                return draw.get();
            } catch (IllegalArgumentException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no valid draw in 200 attempts", last);
    }

    private Map<String, Object> values(RegistryRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : record.params()) {
            Object v = switch (p.type()) {
                case REAL -> real(p);
                case INTEGER -> integer(p);
                case BOOLEAN -> random.nextBoolean();
                case CHOICE -> choices.computeIfAbsent(record.name() + "." + p.name(), k -> choice(p));
            };
            out.put(p.name(), v);
        }
        return out;
    }

    private Object choice(Param p) {
        return p.choices().get(random.nextInt(p.choices().size()));
    }

    private double real(Param p) {
        Range range = p.range();
        double d = p.defaultValue() == null ? 1 : (Double) p.defaultValue();
        double u = random.nextDouble();
        if (range.special() != null && d == range.special()) {
            return u < 0.3 ? d : 0.2 + u; // clipGrad: sometimes none, else a bound the gradients reach
        }
        double v;
        if (range.high() == 1) {
            v = d + (u - 0.5) * 0.6;
            double low = range.low() + (range.lowClosed() ? 0 : 1e-3);
            double high = range.high() - (range.highClosed() ? 0 : 1e-3);
            v = Math.min(high, Math.max(low, v));
        } else if (p.name().equals("lr") && d < 0.1) {
            v = d * (1 + 9 * u); // up to ten times the default: the runs move far in 100 steps
        } else if (d > 0) {
            v = d * (0.5 + u);
        } else {
            v = u < 0.15 ? 0 : u * 0.2;
        }
        return v;
    }

    private Object integer(Param p) {
        Long d = (Long) p.defaultValue();
        long low = (long) p.range().low();
        long high = 2 * Math.max(d == null ? 2 : d, 2);
        return low + (long) random.nextInt((int) (high - low + 1));
    }

}
