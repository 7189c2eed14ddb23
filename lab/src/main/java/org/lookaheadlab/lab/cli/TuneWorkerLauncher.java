package org.lookaheadlab.lab.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Starts the worker processes of {@code tune --jobs N --processes}: N copies of this JVM's command line (same java, class
 * path and engine properties) running {@code tune ... --worker}, each with one intra-op and one inter-op thread
 * ({@code -Dai.djl.pytorch.num_threads=1}) so that N workers share the cores without oversubscription. They
 * coordinate through the study storage only, exactly as workers on other machines would. (Threads, the default,
 * are faster: no JVM start, engine load and warm-up per worker; processes isolate a crash to one trial.)
 */
final class TuneWorkerLauncher {

    /** System properties passed on to the workers when set here. */
    private static final List<String> FORWARDED = List.of("ai.djl.offline", "DJL_CACHE_DIR", "lookahead.root",
            "java.awt.headless");

    /** Prefix of the logging properties passed on too (default level and per-logger levels, e.g. the launcher's). */
    private static final String LOG_PREFIX = "org.slf4j.simpleLogger.";

    /** The hidden flag that makes a {@code tune} invocation a worker. */
    static final String WORKER_FLAG = "--worker";

    private TuneWorkerLauncher() {}

    /** The command line of one worker: this JVM, then {@code tune} with {@code args} and the worker flag. */
    static List<String> workerCommand(List<String> tuneArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        String heap = Runtime.getRuntime().maxMemory() == Long.MAX_VALUE ? null
                : "-Xmx" + Math.max(256, Runtime.getRuntime().maxMemory() / (1024 * 1024)) + "m";
        if (heap != null) {
            cmd.add(heap);
        }
        for (String key : FORWARDED) {
            String v = System.getProperty(key);
            if (v != null) {
                cmd.add("-D" + key + "=" + v);
            }
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(LOG_PREFIX)).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add("-Dai.djl.pytorch.num_threads=1");
        cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LookaheadCli.class.getName());
        cmd.add("tune");
        cmd.addAll(tuneArgs);
        cmd.add(WORKER_FLAG);
        return cmd;
    }

    /** How the workers ended: one line per worker that did not exit with 0, and the first such exit code. */
    record Outcome(int firstFailureCode, List<String> problems) {
        boolean allSucceeded() {
            return firstFailureCode == 0;
        }
    }

    /**
     * Starts {@code jobs} workers with the given {@code tune} arguments (without {@code --jobs}), their output
     * going to this process's stdout/stderr, and waits for all of them. A worker killed by a signal (exit code
     * above 128) while {@code studyComplete} is still false is replaced by a new worker, up to {@code jobs}
     * replacements in all, so that a killed worker does not leave the study short; its death is reported on
     * {@code err} either way.
     */
    static Outcome runWorkers(int jobs, List<String> tuneArgs, BooleanSupplier studyComplete, PrintWriter err)
            throws IOException, InterruptedException {
        List<Process> running = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int firstFailure = 0;
        int replacements = 0;
        try {
            for (int i = 0; i < jobs; i++) {
                running.add(start(tuneArgs));
            }
            while (!running.isEmpty()) {
                Process p = running.stream().filter(w -> !w.isAlive()).findFirst().orElse(null);
                if (p == null) {
                    Thread.sleep(100);
                    continue;
                }
                running.remove(p);
                int code = p.exitValue();
                if (code == 0) {
                    continue;
                }
                boolean killed = code > 128;
                String what = "worker pid " + p.pid() + (killed ? " was killed (signal " + (code - 128) + ")"
                        : " exited with code " + code);
                if (killed && replacements < jobs && !studyComplete.getAsBoolean()) {
                    replacements++;
                    Process replacement = start(tuneArgs);
                    running.add(replacement);
                    what += "; started worker pid " + replacement.pid() + " in its place";
                } else if (!killed && firstFailure == 0) {
                    firstFailure = code;
                }
                problems.add(what);
                err.println("tune: " + what);
                err.flush();
            }
            return new Outcome(firstFailure, problems);
        } finally {
            for (Process p : running) {
                if (p.isAlive()) {
                    p.destroy();
                }
            }
        }
    }

    private static Process start(List<String> tuneArgs) throws IOException {
        return new ProcessBuilder(workerCommand(tuneArgs)).inheritIO().start();
    }

    /** {@code args} without {@code --jobs N} / {@code --jobs=N}. */
    static List<String> withoutJobs(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--jobs")) {
                i++;
            } else if (!a.startsWith("--jobs=")) {
                out.add(a);
            }
        }
        return out;
    }
}
