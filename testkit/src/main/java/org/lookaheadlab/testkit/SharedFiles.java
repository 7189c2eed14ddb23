package org.lookaheadlab.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the reference data of {@code <repository root>/../shared/reference/}. The repository root is the system
 * property {@code lookahead.root} (set by surefire), else the nearest folder above the working directory that has
 * a {@code shared} sibling. A system property may point a test at another file or folder of the same format; a
 * missing one given that way always fails, a missing default one is {@link RequiredTests#missing}.
 */
public final class SharedFiles {

    private SharedFiles() {}

    /** {@code ../shared/reference/<area>/<name>}, or the file the system property {@code overrideProperty} names. */
    public static Path referenceFile(String area, String name, String overrideProperty) {
        Path file = overridden(overrideProperty);
        if (file == null) {
            file = referenceFolder(area, null).resolve(name);
        }
        if (!Files.isRegularFile(file)) {
            missingDefault("reference file " + file + " does not exist");
        }
        return file;
    }

    /** {@code ../shared/reference/<area>}, or the folder the system property {@code overrideProperty} names. */
    public static Path referenceFolder(String area, String overrideProperty) {
        Path folder = overridden(overrideProperty);
        if (folder == null) {
            folder = shared().resolve("reference").resolve(area);
        }
        if (!Files.isDirectory(folder)) {
            missingDefault("reference folder " + folder + " does not exist");
        }
        return folder;
    }

    private static Path overridden(String property) {
        String given = property == null ? null : System.getProperty(property);
        if (given == null || given.isBlank()) {
            return null;
        }
        Path path = Paths.get(given);
        if (!Files.exists(path)) { // asked for explicitly: never a silent skip
            fail(property + " = " + path + " does not exist");
        }
        return path;
    }

    private static void missingDefault(String what) {
        RequiredTests.missing(what + " (shared/ must lie beside the repository root)");
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
