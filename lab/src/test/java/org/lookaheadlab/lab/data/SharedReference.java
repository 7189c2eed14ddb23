package org.lookaheadlab.lab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lookaheadlab.testkit.RequiredTests;
import org.lookaheadlab.testkit.SharedFiles;

/**
 * Locates {@code <repo root>/../shared/reference/mnist1d} ({@link SharedFiles}); the system property
 * {@code lookahead.mnist1d.reference} points the tests at another folder of files in the same format. Anything
 * missing is {@link RequiredTests#missing} (fails under ./run-tests and CI, skips a bare mvn test).
 */
final class SharedReference {

    private SharedReference() {}

    /** The mnist1d reference folder. */
    static Path mnist1dFolder() {
        return SharedFiles.referenceFolder("mnist1d", "lookahead.mnist1d.reference");
    }

    /** A file of the mnist1d reference folder. */
    static Path mnist1dFile(String name) {
        Path file = mnist1dFolder().resolve(name);
        if (!Files.isRegularFile(file)) {
            missing("reference file " + file + " does not exist");
        }
        return file;
    }

    static void missing(String what) {
        RequiredTests.missing(what + " (shared/ must lie beside the repository root)");
    }
}
