package org.lookaheadlab.lab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./lookahead}: one sub-command per job (train, tune, compare, dataset, report, ...). */
@Command(
        name = "lookahead",
        mixinStandardHelpOptions = true,
        version = "Lookahead Lab 0.1.0",
        description = "Lookahead-family optimizers: train, tune, compare and report on mnist1d and friends.",
        subcommands = {CommandLine.HelpCommand.class, SamplerBenchCommand.class, TrainCommand.class,
                BenchmarkCommand.class, CompareCommand.class, PresetsCommand.class, OptimizersCommand.class,
                ReportCommand.class, TuneCommand.class, StorageCommand.class, StudiesCommand.class,
                TrialsCommand.class, DatasetCommand.class, NqmCommand.class})
public final class LookaheadCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The PostgreSQL driver's own java.util.logging logger, held so that its level stays set. The driver logs
     * what it recovers from (a stream it could not close on a reset connection) as warnings with stack traces;
     * the storage reports what matters in its one error line, so the CLI shows only the driver's SEVERE records.
     */
    static final java.util.logging.Logger PG_DRIVER_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line: a bad flag (unknown option, missing or malformed value, unknown command)
     * prints one line {@code lookahead <command>: error: <reason>} plus a hint, and exits with code 2.
     */
    public static CommandLine commandLine() {
        PG_DRIVER_LOG.setLevel(java.util.logging.Level.SEVERE);
        CommandLine cli = new CommandLine(new LookaheadCli());
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine failed = ex.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName();
            java.io.PrintWriter err = failed.getErr();
            err.println(name + ": error: " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
            err.flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli;
    }

    /** picocli's message without its "Error: " prefix and without continuation lines. */
    static String oneLine(String message) {
        String first = message == null ? "invalid input" : message.strip().lines().findFirst().orElse("invalid input");
        return first.startsWith("Error: ") ? first.substring("Error: ".length()) : first;
    }
}
