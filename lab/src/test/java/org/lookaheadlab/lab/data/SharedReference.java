package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates {@code <repo root>/../shared/reference/mnist1d}. The repository root is the system property
 * {@code lookahead.root} (set by surefire), else the nearest folder above the working directory that has a
 * {@code ../shared} sibling. When the folder is missing, a test fails if the environment variable {@code CI} is
 * {@code true}, and is skipped with a message otherwise.
 */
final class SharedReference {

    private SharedReference() {}

    /**
     * The mnist1d reference folder; fails (CI) or aborts (elsewhere) when it is missing. The system property
     * {@code lookahead.mnist1d.reference} points the tests at another folder of files in the same format.
     */
    static Path mnist1dFolder() {
        String override = System.getProperty("lookahead.mnist1d.reference");
        Path folder = override != null && !override.isBlank()
                ? Paths.get(override)
                : sharedFolder().resolve("reference").resolve("mnist1d");
        if (!Files.isDirectory(folder)) {
            missing("reference folder " + folder + " does not exist");
        }
        return folder;
    }

    /** A file of the mnist1d reference folder; fails (CI) or aborts (elsewhere) when it is missing. */
    static Path mnist1dFile(String name) {
        Path file = mnist1dFolder().resolve(name);
        if (!Files.isRegularFile(file)) {
            missing("reference file " + file + " does not exist");
        }
        return file;
    }

    static void missing(String what) {
        String message = what + " (shared/ must lie beside the repository root)";
        if (("true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("LOOKAHEAD_REQUIRE_ALL_TESTS")))) {
            fail(message);
        }
        Assumptions.abort("skipped outside CI: " + message);
    }

    private static Path sharedFolder() {
        String root = System.getProperty("lookahead.root");
        if (root != null && !root.isBlank()) {
            return Paths.get(root).toAbsolutePath().normalize().resolveSibling("shared");
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared");
            if (d.getParent() != null && Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return dir.resolveSibling("shared");
    }
}
