package org.lookaheadlab.lab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./lookahead}: one sub-command per job (train, tune, compare, dataset, report, ...). */
@Command(
        name = "lookahead",
        mixinStandardHelpOptions = true,
        version = "Lookahead Lab 0.1.0",
        description = "Lookahead-family optimizers: train, tune, compare and report on mnist1d and friends.",
        subcommands = {CommandLine.HelpCommand.class})
public final class LookaheadCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LookaheadCli()).execute(args));
    }
}
