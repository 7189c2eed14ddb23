package org.lookaheadlab.lab.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ./lookahead} process of the soak: its command, stdout and stderr in log files, when it started, and
 * whether the soak killed it. {@link #errorProblem()} checks that a failed run said why in one clear line.
 */
final class Proc {

    final String name;
    final Process process;
    final Path out;
    final Path err;
    final Instant started = Instant.now();
    private volatile boolean killed;

    private Proc(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code ./lookahead ARGS} in {@code root}, logging to {@code logs/NAME.out} and {@code .err}. */
    static Proc start(Path root, Path logs, String name, List<String> args) throws IOException {
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(root.resolve("lookahead").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        return new Proc(name, pb.start(), out, err);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no finally block runs. */
    void kill() throws InterruptedException {
        killed = true;
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean killedBySoak() {
        return killed;
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() {
        return read(out);
    }

    String stderr() {
        return read(err);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * For a run that exited non-zero without being killed: null when its last stderr line is the command's one
     * error line ({@code lookahead CMD: error: ...}) and no stack trace was printed; else what is wrong.
     */
    String errorProblem() {
        List<String> lines = stderr().lines().filter(l -> !l.isBlank()).toList();
        for (String l : lines) {
            if (l.startsWith("\tat ") || l.startsWith("Exception in thread") || l.startsWith("Caused by:")) {
                return "a stack trace on stderr: " + l.trim();
            }
        }
        if (lines.isEmpty()) {
            return "exit code " + exitCode() + " with nothing on stderr";
        }
        String last = lines.get(lines.size() - 1);
        if (!last.matches("lookahead [a-z]+: error: .+")) {
            return "the last stderr line is not one error line: " + last;
        }
        return null;
    }

    /** The error line of a failed run (its last stderr line). */
    String errorLine() {
        List<String> lines = stderr().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
