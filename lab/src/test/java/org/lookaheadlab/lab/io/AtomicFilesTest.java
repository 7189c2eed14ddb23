package org.lookaheadlab.lab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing a file atomically: content, no leftovers on success or failure (a full disk, a failing writer), one
 * message naming the target, and the permissions of an ordinary new file.
 */
class AtomicFilesTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub/history.csv");
        AtomicFiles.writeString(target, "first\n");
        AtomicFiles.writeString(target, "second\n");
        assertEquals("second\n", Files.readString(target));
        assertEquals(List.of("history.csv"), names(target.getParent()));
    }

    /** A run folder is read by other people and tools: no owner-only permissions left over from a temp file. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theFileGetsThePermissionsOfAFileWrittenDirectly(@TempDir Path dir) throws IOException {
        Path direct = Files.writeString(dir.resolve("direct.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");
        assertEquals(Files.getPosixFilePermissions(direct), Files.getPosixFilePermissions(atomic));
    }

    @Test
    void aWriterThatFailsHalfwayLeavesThePreviousFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.html");
        AtomicFiles.writeString(target, "<html>complete</html>");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("<html>half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("boom");
        }));
        assertEquals("cannot write " + target + ": boom", e.getMessage());
        assertEquals("<html>complete</html>", Files.readString(target));
        assertEquals(List.of("report.html"), names(dir));

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(dir.resolve("other.svg"), out -> {
            out.write(1);
            throw new IllegalStateException("a bug in the writer");
        }));
        assertEquals(List.of("report.html"), names(dir), "no temporary file after an unchecked failure either");
    }

    /** Issue 16 item 4: on a full disk, no truncated file and no {@code *.tmp} is left; one line says why. */
    @Test
    void aFullDiskFailsWithOneMessageAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("results.json");
        Path large = dir.resolve("plots/curves.svg");
        try (AtomicFiles.FreeSpace disk = AtomicFiles.limitFreeSpace(100_000)) {
            AtomicFiles.write(small, new byte[60_000]);
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> AtomicFiles.write(large, new byte[200_000]));
            assertEquals("cannot write " + large + ": No space left on device", e.getMessage());
            assertFalse(Files.exists(large));
            assertEquals(List.of(), names(large.getParent()));
            // the failed file's space is free again: 40,000 bytes are left
            AtomicFiles.write(dir.resolve("trials.csv"), new byte[40_000]);
            assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(dir.resolve("x.md"), "x"));
        }
        assertEquals(60_000, Files.size(small));
        assertEquals(List.of("plots", "results.json", "trials.csv"), names(dir));
        AtomicFiles.write(large, new byte[200_000]); // the real disk again
        assertEquals(200_000, Files.size(large));
    }

    /** Jackson and the chart encoders close the stream they are given; the file is still forced and renamed. */
    @Test
    void aWriterThatClosesItsStreamStillProducesTheWholeFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.json");
        AtomicFiles.write(target, out -> {
            out.write("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertEquals("{\"a\": 1}", Files.readString(target));
    }

    @Test
    void aFolderThatIsAFileIsNamedInTheMessage(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("plots"), "a file");
        Path target = blocker.resolve("a.svg");
        assertEquals("cannot write " + target + ": " + blocker + " exists and is not a folder", assertThrows(
                UncheckedIOException.class, () -> AtomicFiles.writeString(target, "x")).getMessage());
    }
}
