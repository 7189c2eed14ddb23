package org.lookaheadlab.lab.cli;

import java.util.ListResourceBundle;
import java.util.stream.Collectors;
import org.lookaheadlab.optim.spec.Param;
import org.lookaheadlab.optim.spec.Registry;
import org.lookaheadlab.optim.spec.RegistryRecord;

/**
 * The optimizer names and defaults that the optimizer flags' help shows, read from the optimizer
 * {@link Registry}, so that help text cannot drift from the builders. picocli reads this class as the resource
 * bundle of {@code train} and {@code tune} (and {@link CompareHelpDefaults} includes it); descriptions refer to its
 * keys as {@code ${bundle:KEY}}. The keys are not option names, so no description is replaced.
 */
public class OptimizerHelp extends ListResourceBundle {

    /** The base optimizers, {@code sgd | adam | ...}. */
    static final String OPTIMIZER_NAMES = "optimizerNames";
    /** The wrappers, {@code lookahead | trajectory-lookahead | wtlr}. */
    static final String WRAPPER_NAMES = "wrapperNames";
    /** The schedules, {@code step | cosine | warmup-cosine}. */
    static final String SCHEDULE_NAMES = "scheduleNames";
    /** Lookahead's default k. */
    static final String LOOKAHEAD_K = "lookaheadK";
    /** Lookahead's default α. */
    static final String LOOKAHEAD_ALPHA = "lookaheadAlpha";
    /** TrajectoryLookahead's default α. */
    static final String TRAJECTORY_ALPHA = "trajectoryAlpha";
    /** TrajectoryLookahead's default m. */
    static final String TRAJECTORY_M = "trajectoryM";
    /** TrajectoryLookahead's points: the choices, then the default. */
    static final String TRAJECTORY_POINTS = "trajectoryPoints";
    /** The inner-state choices at a sync, then the default. */
    static final String INNER_STATE = "innerState";
    /** The step schedule's default γ. */
    static final String STEP_GAMMA = "stepGamma";
    /** The cosine schedules' default final lr. */
    static final String LR_MIN = "lrMin";

    @Override
    protected Object[][] getContents() {
        return contents();
    }

    /** The key–value pairs (also merged into other bundles). */
    static Object[][] contents() {
        return new Object[][] {
            {OPTIMIZER_NAMES, names(Registry.bases())},
            {WRAPPER_NAMES, names(Registry.wrappers())},
            {SCHEDULE_NAMES, names(Registry.schedules())},
            {LOOKAHEAD_K, defaultOf(Registry.wrapper("lookahead"), "k")},
            {LOOKAHEAD_ALPHA, defaultOf(Registry.wrapper("lookahead"), "alpha")},
            {TRAJECTORY_ALPHA, defaultOf(Registry.wrapper("trajectory-lookahead"), "alpha")},
            {TRAJECTORY_M, defaultOf(Registry.wrapper("trajectory-lookahead"), "m")},
            {TRAJECTORY_POINTS, choices(Registry.wrapper("trajectory-lookahead"), "points")},
            {INNER_STATE, choices(Registry.wrapper("lookahead"), "innerState")},
            {STEP_GAMMA, defaultOf(Registry.schedule("step"), "gamma")},
            {LR_MIN, defaultOf(Registry.schedule("cosine"), "lrMin")},
        };
    }

    private static String names(java.util.List<? extends RegistryRecord> records) {
        return records.stream().map(RegistryRecord::name).collect(Collectors.joining(" | "));
    }

    private static String defaultOf(RegistryRecord r, String key) {
        Param p = r.param(key).orElseThrow();
        return p.text(p.defaultValue());
    }

    /** E.g. {@code none | reset | pullback (default none)}. */
    private static String choices(RegistryRecord r, String key) {
        Param p = r.param(key).orElseThrow();
        return String.join(" | ", p.choices()) + " (default " + p.text(p.defaultValue()) + ")";
    }
}
