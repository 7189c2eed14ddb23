package org.lookaheadlab.tune;

/** A study with the requested name already exists in the storage and loading it was not asked for. */
public class DuplicatedStudyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DuplicatedStudyException(String name) {
        super("Another study with study_name=" + name + " already exists; reuse it with loadIfExists(true).");
    }
}
