package org.lookaheadlab.tune;

/** A study as the storage knows it: id, unique name and direction. */
public record StudyInfo(long studyId, String name, StudyDirection direction) {
}
