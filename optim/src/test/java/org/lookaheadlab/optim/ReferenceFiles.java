package org.lookaheadlab.optim;

import java.nio.file.Path;
import org.lookaheadlab.testkit.SharedFiles;

/**
 * Locates the reference files {@code <repo root>/../shared/reference/optim/trajectories.json} and
 * {@code averaging.json}. The repository root is the system property {@code lookahead.root} (set by surefire),
 * else the nearest folder above the working directory that has a {@code ../shared} sibling. The properties
 * {@code lookahead.optim.reference} and {@code lookahead.optim.averagingReference} point the tests at another file
 * of the same format (a missing file given that way always fails). A missing default file is
 * {@link org.lookaheadlab.testkit.RequiredTests#missing} (fails under ./run-tests and CI).
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
        return SharedFiles.referenceFile("optim", fileName, overrideProperty);
    }
}
