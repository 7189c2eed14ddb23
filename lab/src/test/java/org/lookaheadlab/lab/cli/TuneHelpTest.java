package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code tune --help} states the default of every optional flag that takes a value. */
class TuneHelpTest {

    @Test
    void everyOptionalValueFlagStatesItsDefault() {
        CommandLine tune = LookaheadCli.commandLine().getSubcommands().get("tune");
        List<OptionSpec> options = new java.util.ArrayList<>(tune.getCommandSpec().options());
        tune.getCommandSpec().argGroups().forEach(g -> options.addAll(g.allOptionsNested()));
        assertTrue(options.stream().anyMatch(o -> o.longestName().equals("--steps")), "the --epochs|--steps group");
        List<String> missing = options.stream().distinct()
                // picocli marks the members of an exclusive group required: only group-less ones really are
                .filter(o -> !(o.required() && o.group() == null) && o.arity().max() > 0 && !o.hidden())
                .filter(o -> !String.join(" ", o.description()).matches("(?s).*\\b(default|required)\\b.*"))
                .map(OptionSpec::longestName)
                .toList();
        assertEquals(List.of(), missing, "options whose help gives no default");
    }

    @Test
    void theHelpShowsTheJobsDefault() {
        CliRun r = CliRun.run("tune", "--help");
        assertEquals(0, r.code());
        String help = String.join(" ", r.out()).replaceAll("\\s+", " ");
        assertTrue(help.contains("--jobs=N training runs at once, each on its own thread (default: the available "
                + "processors divided by the engine threads per run"), help);
        assertTrue(help.contains("--processes run the --jobs trials in worker processes"), help);
    }

    @Test
    void theJobsDefaultIsOneRunPerCoreForSingleThreadedRuns() {
        assertEquals(8, JobsOption.defaultJobs(8, 1));
        assertEquals(2, JobsOption.defaultJobs(8, 4));
        assertEquals(1, JobsOption.defaultJobs(2, 4), "never below one");
    }
}
