package org.lookaheadlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.nn.ParameterList;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.train.EpochMetrics;

/**
 * The console feedback of {@code train}: no progress bar when the output is not a terminal (as under the test
 * runner, and for {@code ./lookahead train > log}), one line per epoch unless {@code --quiet}.
 */
class TrainProgressTest {

    private static final EpochMetrics EPOCH = new EpochMetrics(2, 80, 1.25, 0.5, 1.5, 0.375, 1.75, 0.25, 3.0);

    /**
     * Drives a progress through a short run; returns whether it made a progress bar (read from its private field:
     * the bar writes from its own thread, so capturing stderr cannot tell reliably).
     */
    private static boolean drive(boolean quiet, StringWriter out) throws ReflectiveOperationException {
        Field bar = TrainProgress.class.getDeclaredField("progressBar");
        bar.setAccessible(true);
        try (TrainProgress progress = new TrainProgress(new PrintWriter(out, true), quiet)) {
            progress.onStart(new ParameterList(), 0, 80);
            boolean made = bar.get(progress) != null;
            for (long step = 1; step <= 80; step++) {
                progress.onStep(step, 80, 0.5);
            }
            progress.onEpoch(EPOCH);
            return made;
        }
    }

    @Test
    void withoutATerminalThereIsNoProgressBarButThereAreEpochLines() throws ReflectiveOperationException {
        assertNull(System.console(), "precondition: the test runner's output is not a terminal");
        StringWriter out = new StringWriter();
        assertFalse(drive(false, out), "no progress bar");
        assertEquals("epoch=2 step=80 train_loss=1.250000 train_acc=0.5000 val_loss=1.500000 val_acc=0.3750 "
                + "test_loss=1.750000 test_acc=0.2500", out.toString().strip());
    }

    @Test
    void quietPrintsNothing() throws ReflectiveOperationException {
        StringWriter out = new StringWriter();
        assertFalse(drive(true, out), "no progress bar");
        assertEquals("", out.toString());
    }
}
