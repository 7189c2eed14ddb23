package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only prints a listing to the command line's output and succeeds. */
abstract class ListingCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    /** Writes the listing. */
    abstract void print(PrintWriter out);

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        print(out);
        out.flush();
        return 0;
    }
}
