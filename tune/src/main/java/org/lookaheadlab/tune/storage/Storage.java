package org.lookaheadlab.tune.storage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lookaheadlab.tune.DuplicatedStudyException;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StoredStudy;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.StudyInfo;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.distributions.Distribution;

/**
 * Where studies and trials live. Every method is atomic on its own, so that many threads (and, for the
 * database storages, many processes on many machines) can share one study.
 */
public interface Storage extends AutoCloseable {

    /** Creates a study; throws {@link DuplicatedStudyException} when the name is taken. */
    StudyInfo createStudy(String name, StudyDirection direction);

    /**
     * The study of that name, if any.
     *
     * @throws IllegalArgumentException (one line) when the study has several objectives: such a study (written by
     *                                  Optuna) is listed by {@link #getAllStudies} but never tuned
     */
    Optional<StudyInfo> findStudy(String name);

    /** Every study, by id, with all its directions and its attributes (multi-objective ones included). */
    List<StoredStudy> getAllStudies();

    /**
     * Starts the study's oldest WAITING trial (it becomes RUNNING, keeping its number and system attributes, and
     * its start time is now) or, when there is none, creates a RUNNING trial with the next trial number; either
     * atomically, so two workers never start the same trial, and not when the study already holds
     * {@code maxActive} or more trials in state COMPLETE or RUNNING (then returns empty). Pass
     * {@link Integer#MAX_VALUE} for no limit. With an {@code owner} (the process that will run it, normally
     * {@link TrialOwner#current()}), the trial's first heartbeat and its owner are written in the same step, so
     * from its first instant the trial is either provably its owner's or, should the owner die at once, a trial
     * the stale sweep fails; null: no heartbeat and no owner (ask/tell use).
     */
    Optional<FrozenTrial> createTrial(long studyId, int maxActive, TrialOwner owner);

    /**
     * Creates a WAITING trial with the next trial number and these system attributes (key → JSON text),
     * atomically; {@link #createTrial(long, int, TrialOwner)} starts WAITING trials before creating new ones.
     */
    FrozenTrial enqueueTrial(long studyId, Map<String, String> systemAttrsJson);

    /** {@link #createTrial(long, int, TrialOwner)} without a heartbeat or owner (ask/tell use outside optimize). */
    default Optional<FrozenTrial> createTrial(long studyId, int maxActive) {
        return createTrial(studyId, maxActive, null);
    }

    /** Stores a parameter of a RUNNING trial in its internal representation. */
    void setTrialParam(long trialId, String name, double internalValue, Distribution distribution);

    /** Stores an intermediate value; a step already reported keeps its first value. */
    void setTrialIntermediateValue(long trialId, int step, double value);

    /** Stores (or replaces) a user attribute, given as JSON text. */
    void setTrialUserAttr(long trialId, String key, String valueJson);

    /**
     * Moves a RUNNING trial to a finished state.
     *
     * @return false if the trial was no longer RUNNING (someone else finished or failed it), else true
     */
    boolean finishTrial(long trialId, TrialState state, Double value, String failReason);

    /** Records "now" (storage time) as the trial's latest heartbeat. */
    void recordHeartbeat(long trialId);

    /**
     * Starts this process's lease on a RUNNING trial it created with itself as owner: until the lease is closed,
     * the trial's heartbeat is written every {@code interval} by a thread (and, for database storages, a
     * connection) of the lease's own, independent of the caller's work; on PostgreSQL the lease's session also
     * holds a lock that other machines can see. With the owner recorded at creation, {@link #findStaleTrials} never
     * names the trial while this process lives — however slow, paused or starved it is.
     */
    TrialLease leaseTrial(long trialId, Duration interval);

    /**
     * The RUNNING trials of the study whose worker is gone. A trial is named when its lease owner is proven dead
     * (a process of this machine that no longer exists, see {@link TrialOwner}), or when no live owner can be seen
     * (the owner runs on another machine and, on PostgreSQL, no database session holds the trial's lease; or the
     * trial was never leased) and its latest heartbeat is older than {@code grace} (by storage time). A trial
     * whose owner is proven alive is never named, whatever its heartbeat's age; trials that never sent a
     * heartbeat are left alone.
     *
     * @return trial ids, ascending
     */
    List<Long> findStaleTrials(long studyId, Duration grace);

    /**
     * Fails (reason {@link StaleTrials#REASON}) every trial {@link #findStaleTrials} names; a trial another
     * worker finished or failed first is skipped.
     *
     * @return the trial ids this call failed
     */
    default List<Long> failStaleTrials(long studyId, Duration grace) {
        List<Long> failed = new java.util.ArrayList<>();
        for (long id : findStaleTrials(studyId, grace)) {
            if (finishTrial(id, TrialState.FAIL, null, StaleTrials.REASON)) {
                failed.add(id);
            }
        }
        return failed;
    }

    /**
     * Puts a RUNNING trial back in the queue under its own number, as if it had never started: atomically it
     * becomes WAITING, loses its parameters, intermediate values, user attributes, heartbeat and lease owner,
     * and gets these system attributes (key → JSON text; its other system attributes stay). The next
     * {@link #createTrial} of any worker starts it before any younger WAITING trial.
     *
     * @return false if the trial was no longer RUNNING (someone else finished, failed or requeued it)
     */
    boolean requeueTrial(long trialId, Map<String, String> systemAttrsJson);

    /** All trials of the study, ordered by number. */
    List<FrozenTrial> getAllTrials(long studyId);

    /** One trial by id. */
    FrozenTrial getTrial(long trialId);

    @Override
    void close();
}
