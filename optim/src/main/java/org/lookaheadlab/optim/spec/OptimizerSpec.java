package org.lookaheadlab.optim.spec;

import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An optimizer described as data: a base optimizer ({@link Base}: a registry name and its hyperparameters, with an
 * optional learning-rate {@link ScheduleSpec}) or a {@link Wrapper} around another spec (Lookahead,
 * TrajectoryLookahead, WeightTrajectoryLR, and the weight averages EMA, SWA, ScheduleFree). Wrappers nest in any
 * order the builders allow, as optax chains transformations:
 * {@code lookahead(wtlr(adam))} and {@code wtlr(lookahead(adam))}, {@code ema(lookahead(adam))} and
 * {@code lookahead(sgd-schedule-free)} alike.
 *
 * <p><b>Valid by construction.</b> A spec's constructor checks names and value types against the
 * {@link Registry} and then builds the optimizer once (and drops it), so that the builders' own validation —
 * ranges and combinations such as {@code m ≤ k} or {@code pullback} over an inner optimizer with momentum —
 * applies to every spec that exists. Only what depends on the model (WeightTrajectoryLR's layers) or on the run's
 * length (a schedule over the run) is left to {@link #build(BuildContext)}.
 *
 * <p><b>Equality and text.</b> Records compare by value; their maps keep only the values that differ from the
 * defaults, so {@code adam} equals {@code adam(lr=0.001)}. {@link #format()} (also {@code toString()}) writes
 * the canonical text of the grammar of {@link #parse}, and {@code parse(format(s)).equals(s)}: the text is meant
 * as a study / checkpoint fingerprint and report label.
 *
 * <p><b>A new wrapper or base optimizer</b> is one record in {@link Registry} (names, hyperparameters with
 * defaults and ranges, factory): nothing here changes.
 */
public sealed interface OptimizerSpec {

    /** The key of a base optimizer's schedule in the spec text and in maps. */
    String SCHEDULE = "schedule";

    /** The canonical registry name. */
    String name();

    /** The hyperparameters that differ from their defaults, in the registry's order (a base's schedule apart). */
    Map<String, Object> hyperparameters();

    /** Every hyperparameter's value (given or default), in the registry's order; a base's schedule not included. */
    default Map<String, Object> values() {
        return Values.of(name(), record().params(), hyperparameters(), null).all();
    }

    /** The registry record. */
    default OptimizerRecord record() {
        return Registry.optimizer(name());
    }

    /** This spec and the specs it wraps, outermost first; the last one is the {@link #base()}. */
    default List<OptimizerSpec> chain() {
        List<OptimizerSpec> out = new ArrayList<>();
        OptimizerSpec s = this;
        while (s instanceof Wrapper w) {
            out.add(w);
            s = w.inner();
        }
        out.add(s);
        return out;
    }

    /** The innermost base optimizer. */
    default Base base() {
        List<OptimizerSpec> chain = chain();
        return (Base) chain.get(chain.size() - 1);
    }

    /** The base optimizer's learning-rate schedule, or null for a constant lr. */
    default ScheduleSpec schedule() {
        return base().schedule();
    }

    /**
     * Whether some optimizer of the chain keeps evaluation weights ({@link OptimizerRecord#hasSlowWeights}: slow
     * weights, an average, schedule-free's x), i.e. whether
     * {@link org.lookaheadlab.optim.EvaluationWeights#find} finds them in the built optimizer.
     */
    default boolean hasSlowWeights() {
        return chain().stream().anyMatch(s -> s.record().hasSlowWeights());
    }

    /** {@link #hasSlowWeights()} under its exact name. */
    default boolean hasEvaluationWeights() {
        return hasSlowWeights();
    }

    /** Every hyperparameter name of the chain (outermost first; a name shared by two levels once). */
    default Set<String> parameterNames() {
        Set<String> names = new LinkedHashSet<>();
        chain().forEach(s -> s.record().params().forEach(p -> names.add(p.name())));
        return names;
    }

    /**
     * A copy with hyperparameter {@code key} set to {@code value} on the outermost optimizer of the chain that has
     * it (so {@code beta} reaches a WeightTrajectoryLR, {@code lr} the base); {@code schedule} sets the base's
     * schedule (a {@link ScheduleSpec}, its text, or null).
     *
     * @throws IllegalArgumentException one line listing the accepted names, or the builder's range message
     */
    default OptimizerSpec with(String key, Object value) {
        return SpecOps.with(this, key, value);
    }

    /** A copy with the innermost base optimizer replaced. */
    default OptimizerSpec withBase(Base base) {
        if (this instanceof Wrapper w) {
            return w.withInner(w.inner().withBase(base));
        }
        return Objects.requireNonNull(base, "base");
    }

    /** A copy whose base optimizer follows {@code schedule} (null: a constant lr); wrappers are kept. */
    default OptimizerSpec withSchedule(ScheduleSpec schedule) {
        return withBase(base().withSchedule(schedule));
    }

    /**
     * A fresh optimizer (fresh state) that needs neither the model nor the run's length.
     *
     * @throws IllegalArgumentException if it does need them (WeightTrajectoryLR grouped by layer, a schedule over
     *     the run): use {@link #build(Block, long)}
     */
    default Optimizer build() {
        return build(BuildContext.none());
    }

    /** A fresh optimizer for the model {@code block} in a run of {@code runSteps} steps. */
    default Optimizer build(Block block, long runSteps) {
        return build(BuildContext.of(block, runSteps));
    }

    /** A fresh optimizer, inside out: the base (with its schedule as lr tracker), then each wrapper. */
    default Optimizer build(BuildContext context) {
        return SpecOps.build(this, context);
    }

    /** The canonical text: defaults omitted, fixed key order, shortest round-trip numbers. */
    default String format() {
        return SpecText.format(this, SpecText.Style.CANONICAL);
    }

    /** The text with every value written out, defaults included (parses back to an equal spec). */
    default String formatExplicit() {
        return SpecText.format(this, SpecText.Style.EXPLICIT);
    }

    /** A label for reports: display names, defaults omitted, numbers to 4 significant digits. */
    default String label() {
        return SpecText.format(this, SpecText.Style.LABEL);
    }

    /**
     * Parses the spec text. Grammar (whitespace between tokens is ignored):
     * <pre>
     * spec     := NAME [ '(' [ item { ',' item } ] ')' ]
     * item     := spec                 the inner optimizer: a wrapper's first item (required there), nowhere else
     *           | KEY '=' value
     * value    := ATOM                 a number, true / false, a word (none, spread, tensor, ...) or a schedule name
     *           | NAME '(' [ KEY '=' ATOM { ',' KEY '=' ATOM } ] ')'      a schedule with values (key schedule)
     * NAME,KEY := letter { letter | digit | '-' | '_' }
     * ATOM     := { letter | digit | '-' | '+' | '.' | '_' }+
     * </pre>
     * NAME is a {@link Registry} name or alias of a base optimizer, a wrapper or (as the value of
     * {@code schedule}) a schedule, matched case-insensitively; KEY is one of that record's hyperparameters,
     * case-sensitive, each at most once; a base optimizer also takes {@code schedule}. Examples:
     * {@code lookahead(adam(lr=1e-3),k=5,alpha=0.5)}, {@code trajectory-lookahead(adam,k=5,m=3)},
     * {@code wtlr(lookahead(sgd(lr=0.1,momentum=0.9)),beta=0.3)},
     * {@code adam(lr=0.001,schedule=warmup-cosine(warmupSteps=100,lrMin=1e-5))}.
     *
     * <p>The canonical text ({@link #format()}): registry names, a wrapper's inner spec first, then the values
     * that differ from their defaults in the registry's order, a base's {@code schedule} last; numbers in the
     * shortest decimal that reads back as the same double, plain for 1e-4 ≤ |x| &lt; 1e16 and as {@code 1e-5},
     * {@code 2.5e-7} otherwise; integers as integers; words in lower case; no spaces, no empty parentheses.
     *
     * @throws SpecSyntaxException one line with the position and what was expected or is wrong
     */
    static OptimizerSpec parse(String text) {
        return SpecParser.parse(text);
    }

    /** Base optimizer {@code name} with its defaults. */
    static Base of(String name) {
        return new Base(name, Map.of(), null);
    }

    /** Base optimizer {@code name} at learning rate {@code lr}, its other hyperparameters at their defaults. */
    static Base of(String name, double lr) {
        return new Base(name, Map.of("lr", lr), null);
    }

    /**
     * Base optimizer {@code name} with {@code hyperparameters} (any {@link Param#normalize accepted form});
     * a {@code schedule} entry (a {@link ScheduleSpec} or its text) becomes the schedule.
     */
    static Base of(String name, Map<String, ?> hyperparameters) {
        return new Base(name, new LinkedHashMap<String, Object>(hyperparameters), null);
    }

    /** Wrapper {@code wrapper} around {@code inner}, with {@code params} by name (missing ones: defaults). */
    static Wrapper wrap(String wrapper, OptimizerSpec inner, Map<String, ?> params) {
        return new Wrapper(wrapper, inner, new LinkedHashMap<String, Object>(params));
    }

    /**
     * A base optimizer of the registry ({@link BaseRecord}; its update rule is in its optimizer class) with its
     * hyperparameters and an optional learning-rate schedule around its {@code lr}.
     *
     * @param name canonical name (an alias is accepted and replaced)
     * @param hyperparameters values by key, defaults omitted (a given default is dropped); a {@code schedule}
     *     entry is moved to {@code schedule}
     * @param schedule the lr schedule, or null for a constant lr
     */
    record Base(String name, Map<String, Object> hyperparameters, ScheduleSpec schedule) implements OptimizerSpec {

        public Base {
            BaseRecord r = Registry.base(name);
            name = r.name();
            Map<String, Object> in = hyperparameters == null ? Map.of() : hyperparameters;
            if (in.containsKey(SCHEDULE)) {
                if (schedule != null) {
                    throw new IllegalArgumentException("schedule of " + name + " is given twice");
                }
                Object s = in.get(SCHEDULE);
                schedule = s == null || s instanceof ScheduleSpec ? (ScheduleSpec) s : ScheduleSpec.parse(s.toString());
                in = new LinkedHashMap<>(in);
                in.remove(SCHEDULE);
            }
            hyperparameters = Values.of(name, r.params(), in, SCHEDULE).nonDefault();
            SpecOps.validateBase(r, hyperparameters, schedule);
        }

        @Override
        public BaseRecord record() {
            return Registry.base(name);
        }

        /** The learning rate (given or default): the schedule's starting value when there is one. */
        public double lr() {
            return (Double) values().get("lr");
        }

        @Override
        public Base withSchedule(ScheduleSpec schedule) {
            return new Base(name, hyperparameters, schedule);
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * A wrapper of the registry ({@link WrapperRecord}: Lookahead, TrajectoryLookahead, WeightTrajectoryLR, EMA,
     * SWA, ScheduleFree …; its update rule is in its optimizer class) around another spec, with its hyperparameters.
     *
     * @param name canonical name (an alias is accepted and replaced)
     * @param inner the wrapped spec
     * @param hyperparameters values by key, defaults omitted (a given default is dropped)
     */
    record Wrapper(String name, OptimizerSpec inner, Map<String, Object> hyperparameters) implements OptimizerSpec {

        public Wrapper {
            WrapperRecord r = Registry.wrapper(name);
            name = r.name();
            inner = Objects.requireNonNull(inner, "inner");
            hyperparameters = Values.of(name, r.params(), hyperparameters, null).nonDefault();
            SpecOps.validateWrapper(r, inner, hyperparameters);
        }

        @Override
        public WrapperRecord record() {
            return Registry.wrapper(name);
        }

        /** A copy around another inner spec. */
        public Wrapper withInner(OptimizerSpec inner) {
            return new Wrapper(name, inner, hyperparameters);
        }

        @Override
        public String toString() {
            return format();
        }
    }
}
