package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import org.lookaheadlab.optim.spec.Registry;
import picocli.CommandLine.Command;

/**
 * {@code ./lookahead optimizers}: every base optimizer, wrapper and learning-rate schedule of the optimizer
 * {@link Registry}, each with its aliases and hyperparameters (accepted range, default, meaning) — what
 * {@code --optimizer}, {@code --contender NAME=SPEC} and {@code --hyper} accept.
 */
@Command(name = "optimizers", mixinStandardHelpOptions = true,
        description = "List the optimizers, wrappers and lr schedules with their hyperparameters, as the optimizer "
                + "spec text (--optimizer, --contender NAME=SPEC) accepts them")
public final class OptimizersCommand extends ListingCommand {

    @Override
    void print(PrintWriter out) {
        out.println(Registry.help());
        out.println("Example: lookahead(adam(lr=0.001,schedule=cosine(lrMin=1e-5)),k=5,alpha=0.5)");
    }
}
