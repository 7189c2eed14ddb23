package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Exit code, stdout lines and stderr lines of one in-process run of the {@code lookahead} CLI (a test helper). */
record CliRun(int code, List<String> out, List<String> err) {

    /** Runs {@link LookaheadCli#commandLine()} on {@code args}, capturing both streams. */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LookaheadCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, lines(out), lines(err));
    }

    /** Standard output as one text. */
    String outText() {
        return String.join("\n", out);
    }

    /** Standard error as one text. */
    String errText() {
        return String.join("\n", err);
    }

    private static List<String> lines(StringWriter w) {
        String s = w.toString().strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\\R"));
    }
}
