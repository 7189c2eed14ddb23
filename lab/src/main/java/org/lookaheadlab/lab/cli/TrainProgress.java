package org.lookaheadlab.lab.cli;

import ai.djl.nn.ParameterList;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.lookaheadlab.lab.train.EpochMetrics;
import org.lookaheadlab.lab.train.TrainListener;

/**
 * Console feedback of a training run: a step progress bar on the terminal's error stream (only when there is a
 * terminal and not {@code --quiet}), and one line per evaluated epoch on the output (not with {@code --quiet}).
 * The bar is redrawn in place with a carriage return only (never by moving the cursor up, which would overwrite
 * the epoch line printed just before it); before an epoch line the bar's line is cleared, and the bar is drawn
 * again below it on its next refresh.
 */
final class TrainProgress implements TrainListener, AutoCloseable {

    /** Carriage return, then ANSI "erase entire line": removes the bar so that an epoch line can take its place. */
    private static final String CLEAR_LINE = "\r\u001b[2K";

    private final PrintWriter out;
    private final boolean quiet;
    private final boolean bar;
    private ProgressBar progressBar;

    TrainProgress(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
        this.bar = !quiet && System.console() != null;
    }

    @Override
    public void onStart(ParameterList parameters, long firstStep, long totalSteps) {
        if (bar) {
            progressBar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .continuousUpdate().build();
            progressBar.stepTo(firstStep);
        }
    }

    @Override
    public void onStep(long step, long totalSteps, double loss) {
        if (progressBar != null) {
            progressBar.stepTo(step);
            if (step % 20 == 0) {
                progressBar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
            }
        }
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        if (quiet) {
            return;
        }
        String line = String.format(Locale.ROOT,
                "epoch=%d step=%d train_loss=%.6f train_acc=%.4f val_loss=%.6f val_acc=%.4f test_loss=%.6f "
                        + "test_acc=%.4f", m.epoch(), m.step(), m.trainLoss(), m.trainAccuracy(),
                m.validationLoss(), m.validationAccuracy(), m.testLoss(), m.testAccuracy());
        if (progressBar != null) {
            progressBar.setExtraMessage(String.format(Locale.ROOT, "val_loss %.4f", m.validationLoss()));
            System.err.print(CLEAR_LINE);
            System.err.flush();
        }
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        if (progressBar != null) {
            progressBar.close();
        }
    }
}
