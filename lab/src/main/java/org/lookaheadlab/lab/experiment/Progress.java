package org.lookaheadlab.lab.experiment;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of the long phases of a comparison (tuning trials, verdict runs). {@link #console} shows a progress
 * bar on an interactive terminal and one line per finished unit on stderr otherwise; {@link #SILENT} shows
 * nothing. Both are thread-safe: the runs of a comparison finish on several threads.
 */
public interface Progress {

    /** Shows nothing (every method's default). */
    Progress SILENT = new Progress() {};

    /** A new phase of {@code total} units. */
    default void begin(String task, long total) {}

    /** One unit done; {@code message} says what finished (e.g. "trial 3: 0.412"). */
    default void step(String message) {}

    /** {@code n} units were already done (e.g. trials of an earlier run); shown once. */
    default void skip(long n, String message) {}

    /** The phase is over. */
    default void end() {}

    /** Something worth knowing that does not advance the phase (e.g. "trial 4: FAIL (diverged ...)"). */
    default void note(String message) {}

    /** A progress bar when a console is attached, else plain lines on {@code System.err}. */
    static Progress console() {
        return System.console() != null ? new Bar() : new Lines(System.err);
    }

    /**
     * A tongfei progress bar on stderr, redrawn in place with a carriage return (never by moving the cursor up,
     * which would overwrite whatever line, e.g. an engine warning, was printed after the bar), without a speed
     * column (units of seconds each make "?/s" or "0.5/s" noise, and the message would be glued to it).
     */
    final class Bar implements Progress {
        private ProgressBar bar;

        @Override
        public synchronized void begin(String task, long total) {
            end();
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err, 110)).build();
        }

        @Override
        public synchronized void step(String message) {
            if (bar != null) {
                bar.setExtraMessage(message.length() > 40 ? message.substring(0, 40) : message);
                bar.step();
            }
        }

        @Override
        public synchronized void skip(long n, String message) {
            if (bar != null && n > 0) {
                bar.setExtraMessage(message);
                bar.stepBy(n);
            }
        }

        @Override
        public synchronized void note(String message) {
            if (bar != null) {
                bar.setExtraMessage(message.length() > 40 ? message.substring(0, 40) : message);
            }
        }

        @Override
        public synchronized void end() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** One line per unit: {@code [task i/n, elapsed] message}. */
    final class Lines implements Progress {
        private final PrintStream out;
        private String task = "";
        private long total;
        private long done;
        private long startNanos;

        public Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void begin(String task, long total) {
            this.task = task;
            this.total = total;
            this.done = 0;
            this.startNanos = System.nanoTime();
        }

        @Override
        public synchronized void step(String message) {
            done++;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            out.printf("[%s %d/%d, %ds] %s%n", task, done, total, elapsed.toSeconds(), message);
        }

        @Override
        public synchronized void skip(long n, String message) {
            if (n > 0) {
                done += n;
                out.printf("[%s %d/%d] %s%n", task, done, total, message);
            }
        }

        @Override
        public synchronized void note(String message) {
            out.printf("[%s %d/%d] %s%n", task, done, total, message);
        }

        @Override
        public synchronized void end() {}
    }
}
