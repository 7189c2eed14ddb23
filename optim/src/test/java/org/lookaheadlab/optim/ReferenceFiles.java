package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the reference files {@code <repo root>/../shared/reference/optim/trajectories.json} and
 * {@code averaging.json}. The repository root is the system property {@code lookahead.root} (set by surefire),
 * else the nearest folder above the working directory that has a {@code ../shared} sibling. The properties
 * {@code lookahead.optim.reference} and {@code lookahead.optim.averagingReference} point the tests at another file
 * of the same format (a missing file given that way always fails). When a default file is missing the test fails
 * if env {@code CI=true}, and is skipped otherwise.
 */
final class ReferenceFiles {

    private ReferenceFiles() {}

    /** The optimizer trajectories (torch.optim, optax, AdaBound). */
    static Path trajectories() {
        return reference("trajectories.json", "lookahead.optim.reference");
    }

    /** The weight-averaging trajectories (torch.optim.swa_utils, the schedule-free authors' code). */
    static Path averaging() {
        return reference("averaging.json", "lookahead.optim.averagingReference");
    }

    private static Path reference(String fileName, String overrideProperty) {
        String override = System.getProperty(overrideProperty);
        if (override != null && !override.isBlank()) {
            Path given = Paths.get(override);
            if (!Files.isRegularFile(given)) { // asked for explicitly: never a silent skip
                fail(overrideProperty + " = " + given + " does not exist or is not a file");
            }
            return given;
        }
        Path file = shared().resolve("reference").resolve("optim").resolve(fileName);
        if (!Files.isRegularFile(file)) {
            String message = "reference file " + file + " does not exist (shared/ must lie beside the repository root)";
            if (("true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("LOOKAHEAD_REQUIRE_ALL_TESTS")))) {
                fail(message);
            }
            Assumptions.abort("skipped outside CI: " + message);
        }
        return file;
    }

    private static Path shared() {
        String root = System.getProperty("lookahead.root");
        if (root != null && !root.isBlank()) {
            return Paths.get(root).toAbsolutePath().normalize().resolveSibling("shared");
        }
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (d.getParent() != null && Files.isDirectory(d.resolveSibling("shared"))) {
                return d.resolveSibling("shared");
            }
        }
        return Paths.get("..", "shared");
    }
}
