package org.lookaheadlab.lab.cli;

import java.util.concurrent.Callable;
import org.lookaheadlab.tune.storage.StorageException;
import org.lookaheadlab.tune.storage.StorageUpgrade;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead storage upgrade URL}: converts a study database in Lookahead Lab's old schema (version 1) to
 * Optuna's schema, in one transaction and without loss ({@link StorageUpgrade}); one line says what it did. A
 * database already in Optuna's schema is left as it is.
 */
@Command(name = "storage", mixinStandardHelpOptions = true, description = "Study storage maintenance.",
        subcommands = StorageCommand.Upgrade.class)
public final class StorageCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code storage upgrade URL}. */
    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = "Convert a study database in Lookahead Lab's old schema to Optuna's (without loss); "
                    + "one already in Optuna's schema is left as it is.")
    public static final class Upgrade implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "URL", description = "sqlite:FILE or postgresql://...")
        String url;

        @Override
        public Integer call() {
            try {
                StorageUpgrade.Result result = StorageUpgrade.upgrade(url);
                spec.commandLine().getOut().println(result.message());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException e) {
                return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
            } catch (StorageException e) {
                return CommandErrors.fail(spec, CommandErrors.FAILURE, e.getMessage());
            }
        }
    }
}
