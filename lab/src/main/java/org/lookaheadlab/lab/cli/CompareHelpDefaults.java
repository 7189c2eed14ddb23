package org.lookaheadlab.lab.cli;

import java.util.ListResourceBundle;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.lookaheadlab.lab.experiment.CustomContenders;
import org.lookaheadlab.lab.experiment.Presets;
import org.lookaheadlab.lab.experiment.Protocol;

/**
 * The defaults that {@code compare --help} shows for the flags whose default is the preset's, computed from
 * {@link Presets} and {@link CustomContenders#DEFAULT_PROTOCOL} so that the help cannot drift from them. picocli reads
 * this class as the command's resource bundle; descriptions refer to its keys as {@code ${bundle:KEY}}. The
 * keys are not option names, so no option description is replaced by the bundle.
 */
public final class CompareHelpDefaults extends ListResourceBundle {

    /** The presets' names, comma-separated. */
    static final String PRESET_NAMES = "presetNames";
    /** Per preset: trials per contender. */
    static final String TRIALS = "defaultTrials";
    /** Per preset: epochs per run. */
    static final String EPOCHS = "defaultEpochs";
    /** Per preset: verdict seeds. */
    static final String SEEDS = "defaultSeeds";
    /** Per preset: batch size. */
    static final String BATCH_SIZE = "defaultBatchSize";

    @Override
    protected Object[][] getContents() {
        Object[][] own = {
            {PRESET_NAMES, String.join(", ", Presets.NAMES)},
            {TRIALS, perPreset(Protocol::trials)},
            {EPOCHS, perPreset(Protocol::epochs)},
            {SEEDS, perPreset(Protocol::seeds)},
            {BATCH_SIZE, perPreset(Protocol::batchSize)},
        };
        return java.util.stream.Stream.concat(java.util.Arrays.stream(own),
                java.util.Arrays.stream(OptimizerHelp.contents())).toArray(Object[][]::new);
    }

    /** E.g. {@code trajectory-lookahead 20, weight-trajectory-lr 30, lookahead-paper 20; 20 with --contender only}. */
    static String perPreset(ToIntFunction<Protocol> value) {
        String presets = Presets.NAMES.stream()
                .map(name -> name + " " + value.applyAsInt(Presets.get(name).protocol()))
                .collect(Collectors.joining(", "));
        return presets + "; " + value.applyAsInt(CustomContenders.DEFAULT_PROTOCOL) + " with --contender only";
    }
}
