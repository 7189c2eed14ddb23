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
import org.lookaheadlab.optim.InnerState;
import org.lookaheadlab.optim.Points;

/**
 * An optimizer described as data: a base optimizer ({@link Base}: a registry name and its hyperparameters, with an
 * optional learning-rate {@link ScheduleSpec}) or a wrapper around another spec ({@link Lookahead},
 * {@link TrajectoryLookahead}, {@link WeightTrajectoryLR}, and the weight averages {@link Ema}, {@link Swa},
 * {@link ScheduleFree}). Wrappers nest in any order the builders allow, as optax chains transformations:
 * {@code lookahead(wtlr(adam))} and {@code wtlr(lookahead(adam))}, {@code ema(lookahead(adam))} and
 * {@code lookahead(sgd-schedule-free)} alike.
 *
 * <p><b>Valid by construction.</b> A spec's constructor checks names and value types against the
 * {@link Registry} and then builds the optimizer once (and drops it), so that the builders' own validation —
 * ranges and combinations such as {@code m ≤ k} or {@code pullback} over an inner optimizer with momentum —
 * applies to every spec that exists. Only what depends on the model (WeightTrajectoryLR's layers) or on the run's
 * length (a schedule over the run) is left to {@link #build(BuildContext)}.
 *
 * <p><b>Equality and text.</b> Records compare by value; a base's map keeps only the values that differ from the
 * defaults, so {@code adam} equals {@code adam(lr=0.001)}. {@link #format()} (also {@code toString()}) writes
 * the canonical text of the grammar of {@link #parse}, and {@code parse(format(s)).equals(s)}: the text is meant
 * as a study / checkpoint fingerprint and report label.
 *
 * <p><b>A new wrapper</b> is one record here, implementing {@link Wrapper} ({@code name()}, {@code values()}, a
 * constructor ending in {@code SpecOps.validate(this)}), and one {@link WrapperRecord} in {@link Registry}, as the
 * weight averages of {@code ../shared/specs/averaging.md} were added.
 */
public sealed interface OptimizerSpec {

    /** The key of a base optimizer's schedule in the spec text and in maps. */
    String SCHEDULE = "schedule";

    /** The canonical registry name. */
    String name();

    /** Every hyperparameter's value (given or default), in the registry's order; a base's schedule not included. */
    Map<String, Object> values();

    /** The registry record. */
    default OptimizerRecord record() {
        return Registry.optimizer(name());
    }

    /** The values that differ from their defaults (what the canonical text shows), in the registry's order. */
    default Map<String, Object> nonDefaultValues() {
        OptimizerRecord r = record();
        return Values.of(r.name(), r.params(), values(), null).nonDefault();
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
        WrapperRecord r = Registry.wrapper(wrapper);
        return r.spec().create(Objects.requireNonNull(inner, "inner"), Values.of(r.name(), r.params(), params, null));
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

        @Override
        public Map<String, Object> values() {
            return Values.of(name, record().params(), hyperparameters, null).all();
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

    /** A spec that wraps another one. */
    sealed interface Wrapper extends OptimizerSpec {

        /** The wrapped spec. */
        OptimizerSpec inner();

        @Override
        default WrapperRecord record() {
            return Registry.wrapper(name());
        }

        /** A copy around another inner spec. */
        default Wrapper withInner(OptimizerSpec inner) {
            WrapperRecord r = record();
            return r.spec().create(inner, Values.of(r.name(), r.params(), values(), null));
        }
    }

    /**
     * Lookahead(inner, k, α, innerState): every k inner steps, slow ← slow + α(θ − slow); θ ← slow. The update
     * rule: {@link org.lookaheadlab.optim.wrap.Lookahead}.
     */
    record Lookahead(OptimizerSpec inner, int k, double alpha, InnerState innerState) implements Wrapper {

        /** The registry name. */
        public static final String NAME = "lookahead";

        /** Validated ({@link OptimizerSpec}). */
        public Lookahead(OptimizerSpec inner, int k, double alpha, InnerState innerState) {
            this.inner = Objects.requireNonNull(inner, "inner");
            this.k = k;
            this.alpha = Numbers.canonical(alpha);
            this.innerState = Objects.requireNonNull(innerState, "innerState");
            SpecOps.validate(this);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Object> values() {
            return SpecOps.ordered("k", (long) k, "alpha", alpha, "innerState", SpecOps.word(innerState));
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * TrajectoryLookahead(inner, k, m, α, points, innerState): at each sync the slow weights move toward the mean
     * of m points of the cycle's fast trajectory. The update rule:
     * {@link org.lookaheadlab.optim.wrap.TrajectoryLookahead}.
     */
    record TrajectoryLookahead(OptimizerSpec inner, int k, int m, double alpha, Points points, InnerState innerState)
            implements Wrapper {

        /** The registry name. */
        public static final String NAME = "trajectory-lookahead";

        /** Validated ({@link OptimizerSpec}). */
        public TrajectoryLookahead(OptimizerSpec inner, int k, int m, double alpha, Points points,
                InnerState innerState) {
            this.inner = Objects.requireNonNull(inner, "inner");
            this.k = k;
            this.m = m;
            this.alpha = Numbers.canonical(alpha);
            this.points = Objects.requireNonNull(points, "points");
            this.innerState = Objects.requireNonNull(innerState, "innerState");
            SpecOps.validate(this);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Object> values() {
            return SpecOps.ordered("k", (long) k, "m", (long) m, "alpha", alpha, "points", SpecOps.word(points),
                    "innerState", SpecOps.word(innerState));
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * WeightTrajectoryLR(inner, β, grouping): each group's step is scaled by 1 / (1 + β·‖W − W₀‖₂). The update
     * rule: {@link org.lookaheadlab.optim.wrap.WeightTrajectoryLR}. {@code grouping = layer} (the default, as
     * in the design) needs the model's layers at build time ({@link BuildContext}).
     */
    record WeightTrajectoryLR(OptimizerSpec inner, double beta, GroupBy grouping) implements Wrapper {

        /** The registry name. */
        public static final String NAME = "wtlr";

        /** What the norm ‖W − W₀‖₂ is taken over. */
        public enum GroupBy {
            /** All the parameters of one layer (leaf block). */
            LAYER,
            /** One parameter tensor. */
            TENSOR
        }

        /** Validated ({@link OptimizerSpec}). */
        public WeightTrajectoryLR(OptimizerSpec inner, double beta, GroupBy grouping) {
            this.inner = Objects.requireNonNull(inner, "inner");
            this.beta = Numbers.canonical(beta);
            this.grouping = Objects.requireNonNull(grouping, "grouping");
            SpecOps.validate(this);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Object> values() {
            return SpecOps.ordered("beta", beta, "grouping", SpecOps.word(grouping));
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * EMA(inner, d, start, every): an exponential moving average of the weights, a ← a + (1 − d)(θ − a) after step
     * start and every {@code every} steps after it, evaluated instead of them. The update rule:
     * {@link org.lookaheadlab.optim.wrap.Ema}.
     */
    record Ema(OptimizerSpec inner, double decay, int start, int every) implements Wrapper {

        /** The registry name. */
        public static final String NAME = "ema";

        /** Validated ({@link OptimizerSpec}). */
        public Ema(OptimizerSpec inner, double decay, int start, int every) {
            this.inner = Objects.requireNonNull(inner, "inner");
            this.decay = Numbers.canonical(decay);
            this.start = start;
            this.every = every;
            SpecOps.validate(this);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Object> values() {
            return SpecOps.ordered("decay", decay, "start", (long) start, "every", (long) every);
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * SWA(inner, start, every): the equal-weight average of the weights after step start and every {@code every}
     * steps after it (Polyak–Ruppert for start = every = 1), evaluated instead of them. The update rule:
     * {@link org.lookaheadlab.optim.wrap.Swa}.
     */
    record Swa(OptimizerSpec inner, int start, int every) implements Wrapper {

        /** The registry name. */
        public static final String NAME = "swa";

        /** Validated ({@link OptimizerSpec}). */
        public Swa(OptimizerSpec inner, int start, int every) {
            this.inner = Objects.requireNonNull(inner, "inner");
            this.start = start;
            this.every = every;
            SpecOps.validate(this);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Object> values() {
            return SpecOps.ordered("start", (long) start, "every", (long) every);
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * ScheduleFree(inner, β, weightDecayAtY, r, weightLrPower): schedule-free optimization over any optimizer,
     * whose steps make the z sequence; the model trains on y and is evaluated on x (Defazio et al. 2024). The
     * update rule: {@link org.lookaheadlab.optim.wrap.ScheduleFree}.
     */
    record ScheduleFree(OptimizerSpec inner, double momentum, double weightDecayAtY, double r, double weightLrPower)
            implements Wrapper {

        /** The registry name. */
        public static final String NAME = "schedule-free";

        /** Validated ({@link OptimizerSpec}). */
        public ScheduleFree(OptimizerSpec inner, double momentum, double weightDecayAtY, double r,
                double weightLrPower) {
            this.inner = Objects.requireNonNull(inner, "inner");
            this.momentum = Numbers.canonical(momentum);
            this.weightDecayAtY = Numbers.canonical(weightDecayAtY);
            this.r = Numbers.canonical(r);
            this.weightLrPower = Numbers.canonical(weightLrPower);
            SpecOps.validate(this);
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Object> values() {
            return SpecOps.ordered("momentum", momentum, "weightDecayAtY", weightDecayAtY, "r", r,
                    "weightLrPower", weightLrPower);
        }

        @Override
        public String toString() {
            return format();
        }
    }
}
