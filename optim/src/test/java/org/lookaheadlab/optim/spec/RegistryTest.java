package org.lookaheadlab.optim.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.training.optimizer.Optimizer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.EvaluationWeights;
import org.lookaheadlab.optim.Grouping;
import org.lookaheadlab.optim.LrSchedule;
import org.lookaheadlab.optim.Optimizers;
import org.lookaheadlab.optim.SlowWeights;
import org.lookaheadlab.optim.WrappingOptimizer;
import org.lookaheadlab.optim.base.Sgd;
import org.lookaheadlab.optim.wrap.WeightTrajectoryLR;

/**
 * The registry against the builders, so that the two cannot drift: every default is the builder's own (read
 * back through the getter named after the hyperparameter), every range is what the builder accepts at both ends,
 * every choice is accepted, and {@code hasSlowWeights} is what the built optimizer offers.
 */
class RegistryTest {

    private static final BuildContext LAYERS = BuildContext.of(id -> "L", 0);

    /** Built by the record's factory with nothing given: every value is the builder's own default. */
    private static Optimizer builtWithNothingGiven(OptimizerRecord r) {
        Values none = Values.of(r, Map.of());
        return r instanceof BaseRecord b ? b.factory().create(none, null)
                : ((WrapperRecord) r).factory().create(none, Sgd.builder().build(), LAYERS);
    }

    @Test
    void everyDefaultIsTheBuildersDefault() {
        for (OptimizerRecord r : Registry.optimizers()) {
            Optimizer o = builtWithNothingGiven(r);
            for (Param p : r.params()) {
                Object actual = p.normalize(canonical(getter(o, p.name(), r instanceof BaseRecord)), "the getter");
                assertEquals(p.defaultValue(), actual, r.name() + "." + p.name());
            }
        }
    }

    @Test
    void theOnlyDefaultsThatNoBuilderDeclaresAreDocumented() {
        // Ranger's k = 6 is Ranger's definition (Lookahead's builder says 5): the registry's default is applied.
        assertEquals(6L, Registry.base("ranger").param("k").orElseThrow().defaultValue());
        assertEquals(5, org.lookaheadlab.optim.wrap.Lookahead.builder().setInner(Sgd.builder().build()).build().k());
        // WeightTrajectoryLR's builder has no model, so its own default is per tensor; the spec's default is the
        // design's, per layer, which the factory takes from the build context.
        assertEquals("tensor", WeightTrajectoryLR.builder().setInner(Sgd.builder().build()).build().grouping().kind());
        assertEquals("layer", Registry.wrapper("wtlr").param("grouping").orElseThrow().defaultValue());
    }

    @Test
    void scheduleDefaultsAreWhatTheLrScheduleGets() {
        for (ScheduleRecord r : Registry.schedules()) {
            Map<String, Object> required = new LinkedHashMap<>();
            r.params().stream().filter(Param::required).forEach(p -> required.put(p.name(), (long) p.range().low()));
            LrSchedule s = r.factory().create(0.1, Values.of(r, required), 50);
            for (Param p : r.params()) {
                Object actual = p.normalize(invoke(s, p.name()), "the schedule");
                Object expected = p.required() ? required.get(p.name())
                        : p.name().equals("totalSteps") ? (Object) 50L // 0: the run's length
                        : p.defaultValue();
                assertEquals(expected, actual, r.name() + "." + p.name());
            }
        }
    }

    @Test
    void everyRangeIsWhatTheBuilderAcceptsAtBothEnds() {
        int probes = 0;
        for (RegistryRecord r : records()) {
            for (Param p : r.params()) {
                if (p.range() == null) {
                    continue;
                }
                for (double v : probes(p)) {
                    boolean expected = p.range().contains(v);
                    Object value = p.type() == Param.Type.INTEGER ? (Object) (long) v : (Object) v;
                    IllegalArgumentException e = null;
                    try {
                        make(r, p.name(), value);
                    } catch (IllegalArgumentException x) {
                        e = x;
                    }
                    probes++;
                    String what = r.name() + "." + p.name() + " = " + value + " vs " + p.range();
                    if (expected && e != null) {
                        // another field refusing the combination is fine where the range says so (m ≤ k)
                        if (e.getMessage().startsWith(p.name() + " = ") || p.range().note().isEmpty()) {
                            fail(what + ": the registry accepts it, the builder says: " + e.getMessage());
                        }
                    }
                    if (!expected) {
                        assertTrue(e != null, what + ": the registry rejects it, the builder accepts it");
                        assertTrue(e.getMessage().startsWith(p.name() + " = ")
                                && e.getMessage().contains("out of range"), what + ": " + e.getMessage());
                    }
                }
            }
        }
        assertTrue(probes > 150, "probes: " + probes);
    }

    /** The bounds themselves, just outside them, just inside (reals) and the default. */
    private static List<Double> probes(Param p) {
        Range range = p.range();
        boolean integer = p.type() == Param.Type.INTEGER;
        List<Double> out = new ArrayList<>();
        for (double bound : new double[] {range.low(), range.high()}) {
            boolean low = bound == range.low();
            if (Double.isInfinite(bound)) {
                if (!integer) {
                    out.add(bound);
                }
                continue;
            }
            double delta = integer ? 1 : 1e-6 * Math.max(1, Math.abs(bound));
            out.add(bound);
            out.add(low ? bound - delta : bound + delta);
            if (!integer) {
                out.add(low ? bound + delta : bound - delta);
            }
        }
        if (!p.required()) {
            out.add(((Number) p.defaultValue()).doubleValue());
        }
        return out;
    }

    @Test
    void everyChoiceIsAcceptedAndAnythingElseIsRefusedNamingThem() {
        for (RegistryRecord r : records()) {
            for (Param p : r.params()) {
                if (p.type() != Param.Type.CHOICE) {
                    continue;
                }
                for (String word : p.choices()) {
                    make(r, p.name(), word.toUpperCase(Locale.ROOT));
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> make(r, p.name(), "bogus"));
                assertEquals(p.name() + " = 'bogus' of " + r.name() + " is not accepted; accepted: "
                        + String.join(", ", p.choices()), e.getMessage());
            }
        }
    }

    @Test
    void hasSlowWeightsIsWhatTheBuiltOptimizerOffers() {
        for (OptimizerRecord r : Registry.optimizers()) {
            Optimizer built = builtWithNothingGiven(r);
            assertEquals(r.hasSlowWeights(), EvaluationWeights.find(built).isPresent(), r.name());
            assertEquals(r.hasEvaluationWeights(), SlowWeights.find(built).isPresent(), r.name());
        }
        for (String name : List.of("ema", "swa", "schedule-free", "adamw-schedule-free", "sgd-schedule-free")) {
            assertTrue(Registry.optimizer(name).hasEvaluationWeights(), name);
        }
    }

    @Test
    void namesAndAliasesAreUniqueAndOptimizersListsTheRegistry() {
        Set<String> seen = new HashSet<>();
        for (RegistryRecord r : records()) {
            List<String> all = new ArrayList<>(r.aliases());
            all.add(r.name());
            for (String n : all) {
                assertTrue(seen.add(n.toLowerCase(Locale.ROOT)), "two records answer to " + n);
                assertTrue(r.answersTo(n.toUpperCase(Locale.ROOT)), n);
            }
            assertFalse(r.displayName().isEmpty());
            assertFalse(r.description().isEmpty());
            r.params().forEach(p -> assertTrue(p.help().startsWith(p.name() + ": "), p.help()));
        }
        assertEquals(Registry.bases().stream().map(RegistryRecord::name).toList(), List.copyOf(Optimizers.names()));
        assertEquals(Registry.wrappers().stream().map(RegistryRecord::name).toList(),
                List.copyOf(Optimizers.wrapperNames()));
        for (BaseRecord b : Registry.bases()) {
            assertEquals(b.params().stream().map(Param::name).toList(), List.copyOf(Optimizers.hyperparameters(b.name())));
        }
        String help = Registry.help();
        records().forEach(r -> assertTrue(help.contains(r.name() + " ") && help.contains(r.displayName()), r.name()));
        assertEquals(List.of("lookahead", "trajectory-lookahead", "wtlr", "ema", "swa", "schedule-free"),
                Registry.wrappers().stream().map(RegistryRecord::name).toList());
        assertEquals(List.of("weight-trajectory-lr", "weightTrajectoryLR"), Registry.wrapper("wtlr").aliases());
    }

    @Test
    void unknownNamesGetOneLineListingTheRegistry() {
        String bases = Registry.names(Registry.bases());
        assertEquals("unknown optimizer 'adamx'; accepted: " + bases, message(() -> Registry.base("adamx")));
        String wrappers = "lookahead, trajectory-lookahead, wtlr, ema, swa, schedule-free";
        assertEquals("unknown wrapper 'polyak'; accepted: " + wrappers, message(() -> Registry.wrapper("polyak")));
        assertEquals("unknown schedule 'linear'; accepted: step, cosine, warmup-cosine",
                message(() -> Registry.schedule("linear")));
        assertEquals("unknown optimizer 'adamx'; accepted: " + bases + "; wrappers: " + wrappers,
                message(() -> Registry.optimizer("adamx")));
        assertEquals("unknown hyperparameter 'beta' of lookahead; accepted: k, alpha, innerState",
                message(() -> Optimizers.wrap("lookahead", Sgd.builder().build(), Map.of("beta", 1))));
        assertEquals("'lookahead' is a wrapper, not a base optimizer (write lookahead(adam)); accepted: " + bases,
                message(() -> Optimizers.create("lookahead", Map.of())));
    }

    // ---- helpers ----

    private static List<RegistryRecord> records() {
        List<RegistryRecord> all = new ArrayList<>(Registry.optimizers());
        all.addAll(Registry.schedules());
        return all;
    }

    /** Makes a spec of {@code r} with {@code key = value} and its other values at their defaults. */
    private static void make(RegistryRecord r, String key, Object value) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (r instanceof ScheduleRecord) {
            r.params().stream().filter(Param::required).forEach(p -> values.put(p.name(), (long) p.range().low()));
        }
        values.put(key, value);
        if (r instanceof BaseRecord) {
            OptimizerSpec.of(r.name(), values);
        } else if (r instanceof WrapperRecord) {
            OptimizerSpec.wrap(r.name(), OptimizerSpec.of("adam"), values);
        } else {
            new ScheduleSpec(r.name(), values);
        }
    }

    /** The getter {@code name} of {@code o}, looked up outermost first through the wrappers of a base record. */
    private static Object getter(Optimizer o, String name, boolean throughWrappers) {
        Optimizer current = o;
        while (current != null) {
            Method m = method(current, name);
            if (m != null) {
                return invoke(current, name);
            }
            current = throughWrappers && current instanceof WrappingOptimizer w ? w.inner() : null;
        }
        throw new AssertionError(o.getClass().getSimpleName() + " has no getter " + name + "()");
    }

    private static Method method(Object o, String name) {
        try {
            return o.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Object o, String name) {
        Method m = method(o, name);
        if (m == null) {
            throw new AssertionError(o.getClass().getSimpleName() + " has no getter " + name + "()");
        }
        try {
            return m.invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object canonical(Object getterValue) {
        return getterValue instanceof Grouping g ? g.kind() : getterValue;
    }

    private static String message(Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

}
