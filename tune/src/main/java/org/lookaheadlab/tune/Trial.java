package org.lookaheadlab.tune;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.lookaheadlab.tune.distributions.CategoricalDistribution;
import org.lookaheadlab.tune.distributions.Distribution;
import org.lookaheadlab.tune.distributions.Distributions;
import org.lookaheadlab.tune.distributions.FloatDistribution;
import org.lookaheadlab.tune.distributions.IntDistribution;
import org.lookaheadlab.tune.storage.UserAttrJson;

/**
 * A running trial: the objective asks it for parameter values and reports intermediate values to it.
 *
 * <p>How a value is obtained for {@code suggest*(name, …)}: (1) a name already suggested in this trial returns
 * the stored value (its distribution must be compatible); (1a) a trial started from the queue
 * ({@link Study#enqueueTrial}) returns its fixed value for the name, if it has one; (2) a single-valued range
 * returns its only value;
 * (3) at the first suggestion the sampler samples its relative (joint) search space, and a name in it takes
 * that value; (4) otherwise the sampler samples the parameter on its own. The value is stored at once.
 * Not thread-safe: one trial belongs to one objective call.
 */
public final class Trial {

    private static final System.Logger LOG = System.getLogger(Trial.class.getName());

    private final Study study;
    private final long trialId;
    private final int number;
    private final Instant start;
    private final Map<String, Double> params = new LinkedHashMap<>();
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();
    private final TreeMap<Integer, Double> intermediateValues = new TreeMap<>();
    private final Map<String, Object> userAttrs = new LinkedHashMap<>();
    private List<FrozenTrial> history;
    private Map<String, Distribution> relativeSpace;
    private Map<String, Double> relativeParams;
    private final Map<String, Object> fixedParams;
    private boolean finished;

    Trial(Study study, FrozenTrial stored) {
        this.fixedParams = stored.fixedParams();
        this.study = study;
        this.trialId = stored.trialId();
        this.number = stored.number();
        this.start = stored.start();
    }

    /** 0-based number of this trial in its study. */
    public int number() {
        return number;
    }

    /** Storage-wide id. */
    public long trialId() {
        return trialId;
    }

    /** A float in [low, high], uniform in x, or in ln x when {@code log}. */
    public double suggestFloat(String name, double low, double high, boolean log) {
        return suggest(name, new FloatDistribution(low, high, log));
    }

    /** A float in [low, high], uniform in x. */
    public double suggestFloat(String name, double low, double high) {
        return suggestFloat(name, low, high, false);
    }

    /** A float on the grid low, low + step, …, ≤ high. */
    public double suggestFloat(String name, double low, double high, double step) {
        return suggest(name, new FloatDistribution(low, high, false, step));
    }

    /** An integer in [low, high]. */
    public int suggestInt(String name, int low, int high) {
        return suggestInt(name, low, high, 1, false);
    }

    /** An integer in [low, high], log-uniform over the integers when {@code log}. */
    public int suggestInt(String name, int low, int high, boolean log) {
        return suggestInt(name, low, high, 1, log);
    }

    /** An integer on the grid low, low + step, …, ≤ high (step must be 1 when log). */
    public int suggestInt(String name, int low, int high, int step, boolean log) {
        return (int) suggest(name, new IntDistribution(low, high, log, step));
    }

    /** One of the choices. */
    public String suggestCategorical(String name, List<String> choices) {
        CategoricalDistribution d = new CategoricalDistribution(choices);
        return d.choices().get((int) suggest(name, d));
    }

    private double suggest(String name, Distribution dist) {
        checkRunning();
        Double existing = params.get(name);
        if (existing != null) {
            Distribution old = distributions.get(name);
            Distributions.checkCompatible(name, old, dist);
            if (!old.equals(dist)) {
                // Optuna only warns and keeps the first value; a silent mismatch inside one trial is almost always
                // a bug in the objective, so we refuse it (ranges may still differ between trials).
                throw new IllegalArgumentException("parameter '" + name + "' was already suggested in trial "
                        + number + " as " + old + "; suggesting it again as " + dist
                        + " is not allowed (the same name within one trial must use the same distribution)");
            }
            return existing;
        }
        checkAgainstHistory(name, dist);
        double value;
        if (fixedParams.containsKey(name)) {
            value = fixedValue(name, dist);
        } else if (dist.single()) {
            value = dist.singleValue();
        } else {
            ensureRelativeSample();
            Double relative = relativeParams.get(name);
            if (relative != null && dist.equals(relativeSpace.get(name))) {
                value = relative;
            } else {
                value = study.sampler().sampleIndependent(study, this, name, dist);
            }
        }
        if (!dist.contains(value)) {
            throw new IllegalStateException("sampler " + study.sampler().getClass().getSimpleName()
                    + " returned " + value + " for '" + name + "', outside " + dist);
        }
        study.storage().setTrialParam(trialId, name, value, dist);
        params.put(name, value);
        distributions.put(name, dist);
        return value;
    }

    private double fixedValue(String name, Distribution dist) {
        Object fixed = fixedParams.get(name);
        double value;
        try {
            value = dist.toInternal(fixed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("fixed parameter '" + name + "' = " + fixed + " of enqueued trial "
                    + number + " does not fit " + dist + ": " + e.getMessage(), e);
        }
        if (!dist.contains(value)) {
            throw new IllegalArgumentException("fixed parameter '" + name + "' = " + fixed + " of enqueued trial "
                    + number + " is outside " + dist);
        }
        return value;
    }

    private void checkAgainstHistory(String name, Distribution dist) {
        List<FrozenTrial> h = history();
        for (int i = h.size() - 1; i >= 0; i--) {
            Distribution old = h.get(i).distributions().get(name);
            if (old != null) {
                Distributions.checkCompatible(name, old, dist);
                return;
            }
        }
    }

    private void ensureRelativeSample() {
        if (relativeParams == null) {
            relativeSpace = study.sampler().inferRelativeSearchSpace(study, this);
            relativeParams = relativeSpace.isEmpty()
                    ? Map.of() : study.sampler().sampleRelative(study, this, relativeSpace);
        }
    }

    /**
     * Records the objective's value at a step (e.g. validation loss after an epoch). A step reported again is
     * ignored with a warning.
     *
     * @throws IllegalArgumentException when step &lt; 0
     */
    public void report(double value, int step) {
        checkRunning();
        if (step < 0) {
            throw new IllegalArgumentException("`step=" + step + "` must be non-negative.");
        }
        if (intermediateValues.containsKey(step)) {
            LOG.log(System.Logger.Level.WARNING,
                    "The reported value is ignored because this `step=" + step + "` is already reported.");
            return;
        }
        study.storage().setTrialIntermediateValue(trialId, step, value);
        intermediateValues.put(step, value);
    }

    /** Asks the study's pruner whether this trial should stop now; the objective then throws {@link TrialPruned}. */
    public boolean shouldPrune() {
        return study.pruner().prune(study, frozen());
    }

    /** Stores a user attribute (any JSON-compatible value: String, number, boolean, List, Map). */
    public void setUserAttr(String key, Object value) {
        checkRunning();
        String json = UserAttrJson.write(value);
        study.storage().setTrialUserAttr(trialId, key, json);
        userAttrs.put(key, UserAttrJson.parse(json));
    }

    /** Parameter name → external value (Double, Long or String), in suggestion order. */
    public Map<String, Object> params() {
        return frozen().params();
    }

    /** Parameter name → distribution, in suggestion order. */
    public Map<String, Distribution> distributions() {
        return Collections.unmodifiableMap(distributions);
    }

    /** Step → reported value. */
    public NavigableMap<Integer, Double> intermediateValues() {
        return Collections.unmodifiableNavigableMap(intermediateValues);
    }

    /**
     * The study's trials as read at this trial's first need (once per trial, so that every suggestion of one
     * trial sees the same history). Samplers read it instead of the storage.
     */
    public List<FrozenTrial> history() {
        if (history == null) {
            history = study.trials();
        }
        return history;
    }

    /** This trial as a RUNNING snapshot. */
    public FrozenTrial frozen() {
        return new FrozenTrial(trialId, number, TrialState.RUNNING, null, params, distributions,
                intermediateValues, userAttrs, null, start, null);
    }

    void markFinished() {
        finished = true;
    }

    private void checkRunning() {
        if (finished) {
            throw new IllegalStateException("Trial#" + number + " is already finished; it cannot be updated.");
        }
    }
}
