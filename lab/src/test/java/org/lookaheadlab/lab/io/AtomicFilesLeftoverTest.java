package org.lookaheadlab.lab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process SIGKILLed while it writes a file leaves its temporary file (no cleanup runs); issue 15's soak found
 * {@code plots/.curves-val-loss.png.<random>.tmp} in a resumed compare's report folder. The next write of the same
 * file deletes the temporaries whose writer is gone, and only those.
 */
class AtomicFilesLeftoverTest {

    @TempDir
    Path dir;

    @Test
    void theNextWriteOfAFileDeletesTheTemporariesADeadWriterLeftAndKeepsALiveOnes() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            Path deadTmp = dir.resolve(".a.svg.p" + gone.pid() + ".1f2e.tmp");
            Path liveTmp = dir.resolve(".a.svg.p" + alive.pid() + ".3c4d.tmp");
            Path otherFile = dir.resolve(".b.svg.p" + gone.pid() + ".5e6f.tmp");
            for (Path p : new Path[] {deadTmp, liveTmp, otherFile}) {
                Files.writeString(p, "half a file");
            }
            AtomicFiles.writeString(dir.resolve("a.svg"), "<svg/>");
            assertEquals("<svg/>", Files.readString(dir.resolve("a.svg")));
            assertFalse(Files.exists(deadTmp), "the dead writer's temporary is deleted");
            assertTrue(Files.exists(liveTmp), "a live writer's temporary is its own");
            assertTrue(Files.exists(otherFile), "another file's temporary waits for that file's next write");
            try (var s = Files.list(dir)) {
                assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".a.svg.p"
                        + ProcessHandle.current().pid())).count(), "no temporary of this write is left");
            }
        } finally {
            alive.destroyForcibly();
        }
    }
}
