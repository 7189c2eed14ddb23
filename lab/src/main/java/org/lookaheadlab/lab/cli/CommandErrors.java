package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** One-line error reporting for the compare, report and tune commands. */
final class CommandErrors {

    /** Exit code of a bad flag value or unknown preset (picocli's code for usage errors). */
    static final int USAGE = 2;
    /** Exit code of a failure while running. */
    static final int FAILURE = 1;

    private CommandErrors() {}

    /** Prints {@code lookahead <command>: error: <message>} on the command's error stream; returns {@code code}. */
    static int fail(CommandSpec spec, int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": error: " + message);
        err.flush();
        return code;
    }
}
