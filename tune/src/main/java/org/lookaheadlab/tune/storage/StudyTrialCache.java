package org.lookaheadlab.tune.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lookaheadlab.tune.FrozenTrial;

/**
 * What one {@link JdbcStorage} instance remembers of one study's trials between reads, so that a read fetches
 * only what may have changed (the idea of Optuna's {@code _CachedStorage}).
 *
 * <p>Invariant: every trial of the study with {@code trial_id <= maxSeenId()} is either cached here as finished
 * (COMPLETE, PRUNED, FAIL: immutable, never read again) or listed in {@link #unfinishedIds()} (RUNNING: read
 * again on every refresh, because another worker may report, finish or fail it, or the stale sweep may fail
 * it). A refresh therefore reads exactly the trials with {@code trial_id > maxSeenId()} plus the unfinished
 * ones. This is complete because trial ids of one study grow in commit order: {@code createTrial} assigns the
 * id inside the transaction that holds the study's lock (SQLite: the database write lock), so a trial
 * committed after a read always gets a larger id than every trial that read saw.
 *
 * <p>Not thread-safe; {@link JdbcStorage} serialises its calls.
 */
final class StudyTrialCache {

    private final TreeMap<Integer, FrozenTrial> finishedByNumber = new TreeMap<>();
    private final Map<Long, FrozenTrial> finishedById = new HashMap<>();
    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long maxSeenId = Long.MIN_VALUE;

    /** The largest trial id read so far ({@link Long#MIN_VALUE} before the first read). */
    long maxSeenId() {
        return maxSeenId;
    }

    /** Ids of trials read while not finished; each refresh must read them again. */
    NavigableSet<Long> unfinishedIds() {
        return Collections.unmodifiableNavigableSet(unfinished);
    }

    /** The cached finished trial with this id, or null. */
    FrozenTrial finished(long trialId) {
        return finishedById.get(trialId);
    }

    /**
     * Takes in a refresh: {@code fresh} must hold every trial with an id above {@link #maxSeenId()} and every
     * trial of {@link #unfinishedIds()} (trials already cached as finished may be included; they are ignored).
     * Finished ones are cached for good.
     *
     * @return all trials of the study, ordered by number
     */
    List<FrozenTrial> merge(List<FrozenTrial> fresh) {
        List<FrozenTrial> running = new ArrayList<>();
        for (FrozenTrial t : fresh) {
            maxSeenId = Math.max(maxSeenId, t.trialId());
            if (finishedById.containsKey(t.trialId())) {
                continue;
            }
            if (t.state().isFinished()) {
                finishedById.put(t.trialId(), t);
                finishedByNumber.put(t.number(), t);
                unfinished.remove(t.trialId());
            } else {
                unfinished.add(t.trialId());
                running.add(t);
            }
        }
        List<FrozenTrial> out = new ArrayList<>(finishedByNumber.size() + running.size());
        out.addAll(finishedByNumber.values());
        if (!running.isEmpty()) {
            out.addAll(running);
            out.sort(Comparator.comparingInt(FrozenTrial::number));
        }
        return out;
    }
}
