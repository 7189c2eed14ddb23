package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lookaheadlab.lab.experiment.ExperimentSummary;
import org.lookaheadlab.lab.experiment.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead presets}: one line per {@code compare} preset ({@link Presets#NAMES}), its contenders, data,
 * model and budget ({@link ExperimentSummary#oneLine}), then where to find the full contents.
 */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the compare presets, one line each; the full contents of one: "
                + "./lookahead compare --preset NAME --show")
public final class PresetsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Presets.NAMES.stream().mapToInt(String::length).max().orElse(0);
        for (String name : Presets.NAMES) {
            out.println(String.format("%-" + width + "s  ", name) + ExperimentSummary.oneLine(Presets.get(name)));
        }
        out.println("details: ./lookahead compare --preset NAME --show");
        out.flush();
        return 0;
    }
}
