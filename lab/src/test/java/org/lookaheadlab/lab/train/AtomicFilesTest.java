package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Replacing a file atomically: content, no leftovers, and the permissions of an ordinary new file. */
class AtomicFilesTest {

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("sub/history.csv");
        AtomicFiles.writeString(target, "first\n");
        AtomicFiles.writeString(target, "second\n");
        assertEquals("second\n", Files.readString(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of("history.csv"), files.map(p -> p.getFileName().toString()).toList());
        }
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
}
