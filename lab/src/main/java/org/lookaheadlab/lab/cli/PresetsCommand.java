package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import org.lookaheadlab.lab.experiment.ExperimentSummary;
import org.lookaheadlab.lab.experiment.Presets;
import picocli.CommandLine.Command;

/**
 * {@code ./lookahead presets}: one line per {@code compare} preset ({@link Presets#NAMES}), its contenders, data,
 * model and budget ({@link ExperimentSummary#oneLine}), then where to find the full contents.
 */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the compare presets, one line each; the full contents of one: "
                + "./lookahead compare --preset NAME --show")
public final class PresetsCommand extends ListingCommand {

    @Override
    void print(PrintWriter out) {
        int width = Presets.NAMES.stream().mapToInt(String::length).max().orElse(0);
        for (String name : Presets.NAMES) {
            out.println(String.format("%-" + width + "s  ", name) + ExperimentSummary.oneLine(Presets.get(name)));
        }
        out.println("details: ./lookahead compare --preset NAME --show");
    }
}
