package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The plain-line progress counts the runs of all workers once each: runs done / total across threads. */
class ProgressLinesTest {

    private static final Pattern LINE = Pattern.compile("\\[runs (\\d+)/(\\d+)(, \\d+s)?\\] (.*)");

    @Test
    void stepsFromFourThreadsAreCountedOnceEachInOneTotal() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress.Lines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.begin("runs", 3 + 4 * 50);
        p.skip(3, "3 complete trials from an earlier run");
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    p.step("worker " + worker + " run " + i);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        p.end();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1 + 200, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertEquals(true, m.matches(), lines.get(i));
            assertEquals(3 + i, Integer.parseInt(m.group(1)), "lines count up by one: " + lines.get(i));
            assertEquals(203, Integer.parseInt(m.group(2)));
        }
    }
}
