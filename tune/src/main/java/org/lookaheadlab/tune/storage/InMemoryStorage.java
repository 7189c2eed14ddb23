package org.lookaheadlab.tune.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.lookaheadlab.tune.DuplicatedStudyException;
import org.lookaheadlab.tune.FrozenTrial;
import org.lookaheadlab.tune.StoredStudy;
import org.lookaheadlab.tune.StudyDirection;
import org.lookaheadlab.tune.StudyInfo;
import org.lookaheadlab.tune.TrialState;
import org.lookaheadlab.tune.distributions.Distribution;

/**
 * A single-process storage: every call holds one lock. Finished trials are immutable snapshots, so reading
 * the history costs one list copy. Owners are kept beside the trials (not as a system attribute) and judged as
 * the database storages judge them; an open {@link TrialLease} counts as a live session.
 */
public final class InMemoryStorage implements Storage {

    private final Map<String, StudyInfo> studiesByName = new HashMap<>();
    private final Map<Long, List<FrozenTrial>> trialsByStudy = new HashMap<>();
    private final Map<Long, long[]> locationById = new HashMap<>(); // trialId -> {studyId, number}
    private final Map<Long, Long> heartbeats = new HashMap<>();
    private final Set<Long> leased = new HashSet<>();
    private final Map<Long, TrialOwner> owners = new HashMap<>();
    private long nextStudyId = 1;
    private long nextTrialId = 1;

    @Override
    public synchronized StudyInfo createStudy(String name, StudyDirection direction) {
        if (studiesByName.containsKey(name)) {
            throw new DuplicatedStudyException(name);
        }
        StudyInfo info = new StudyInfo(nextStudyId++, name, direction);
        studiesByName.put(name, info);
        trialsByStudy.put(info.studyId(), new ArrayList<>());
        return info;
    }

    @Override
    public synchronized Optional<StudyInfo> findStudy(String name) {
        return Optional.ofNullable(studiesByName.get(name));
    }

    @Override
    public synchronized List<StoredStudy> getAllStudies() {
        return studiesByName.values().stream().sorted(Comparator.comparingLong(StudyInfo::studyId))
                .map(s -> new StoredStudy(s.studyId(), s.name(), List.of(s.direction()), Map.of(), Map.of())).toList();
    }

    @Override
    public synchronized Optional<FrozenTrial> createTrial(long studyId, int maxActive, TrialOwner owner) {
        List<FrozenTrial> trials = study(studyId);
        if (maxActive != Integer.MAX_VALUE) {
            long active = trials.stream()
                    .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.RUNNING).count();
            if (active >= maxActive) {
                return Optional.empty();
            }
        }
        FrozenTrial t = null;
        for (FrozenTrial w : trials) {
            if (w.state() == TrialState.WAITING) {
                t = new FrozenTrial(w.trialId(), w.number(), TrialState.RUNNING, null, w.internalParams(),
                        w.distributions(), w.intermediateValues(), w.userAttrs(), null, Instant.now(), null,
                        w.systemAttrs());
                replace(w.trialId(), t);
                break;
            }
        }
        if (t == null) {
            t = add(studyId, TrialState.RUNNING, Instant.now(), Map.of());
        }
        if (owner != null) {
            recordHeartbeat(t.trialId());
            owners.put(t.trialId(), owner);
        }
        return Optional.of(t);
    }

    @Override
    public synchronized FrozenTrial enqueueTrial(long studyId, Map<String, String> systemAttrsJson) {
        study(studyId);
        Map<String, Object> attrs = new LinkedHashMap<>();
        systemAttrsJson.forEach((k, v) -> attrs.put(k, UserAttrJson.parse(v)));
        return add(studyId, TrialState.WAITING, null, attrs);
    }

    private FrozenTrial add(long studyId, TrialState state, Instant start, Map<String, Object> systemAttrs) {
        List<FrozenTrial> trials = study(studyId);
        long id = nextTrialId++;
        FrozenTrial t = new FrozenTrial(id, trials.size(), state, null, Map.of(), Map.of(), new TreeMap<>(),
                Map.of(), null, start, null, systemAttrs);
        trials.add(t);
        locationById.put(id, new long[] {studyId, t.number()});
        return t;
    }

    @Override
    public synchronized void setTrialParam(long trialId, String name, double internalValue, Distribution dist) {
        FrozenTrial t = running(trialId);
        Map<String, Double> params = new LinkedHashMap<>(t.internalParams());
        Map<String, Distribution> dists = new LinkedHashMap<>(t.distributions());
        params.put(name, internalValue);
        dists.put(name, dist);
        replace(trialId, new FrozenTrial(t.trialId(), t.number(), t.state(), t.value(), params, dists,
                t.intermediateValues(), t.userAttrs(), t.failReason(), t.start(), t.end(), t.systemAttrs()));
    }

    @Override
    public synchronized void setTrialIntermediateValue(long trialId, int step, double value) {
        FrozenTrial t = running(trialId);
        if (t.intermediateValues().containsKey(step)) {
            return;
        }
        TreeMap<Integer, Double> iv = new TreeMap<>(t.intermediateValues());
        iv.put(step, value);
        replace(trialId, new FrozenTrial(t.trialId(), t.number(), t.state(), t.value(), t.internalParams(),
                t.distributions(), iv, t.userAttrs(), t.failReason(), t.start(), t.end(), t.systemAttrs()));
    }

    @Override
    public synchronized void setTrialUserAttr(long trialId, String key, String valueJson) {
        FrozenTrial t = running(trialId);
        Map<String, Object> attrs = new LinkedHashMap<>(t.userAttrs());
        attrs.put(key, UserAttrJson.parse(valueJson));
        replace(trialId, new FrozenTrial(t.trialId(), t.number(), t.state(), t.value(), t.internalParams(),
                t.distributions(), t.intermediateValues(), attrs, t.failReason(), t.start(), t.end(), t.systemAttrs()));
    }

    @Override
    public synchronized boolean finishTrial(long trialId, TrialState state, Double value, String failReason) {
        FrozenTrial t = getTrial(trialId);
        if (t.state() != TrialState.RUNNING) {
            return false;
        }
        replace(trialId, new FrozenTrial(t.trialId(), t.number(), state, value, t.internalParams(),
                t.distributions(), t.intermediateValues(), t.userAttrs(), failReason, t.start(), Instant.now(),
                t.systemAttrs()));
        heartbeats.remove(trialId);
        return true;
    }

    @Override
    public synchronized void recordHeartbeat(long trialId) {
        if (getTrial(trialId).state().isFinished()) {
            return; // a late timer tick after the trial ended
        }
        heartbeats.put(trialId, System.currentTimeMillis());
    }

    @Override
    public synchronized TrialLease leaseTrial(long trialId, Duration interval) {
        getTrial(trialId);
        leased.add(trialId);
        return () -> {
            synchronized (this) {
                leased.remove(trialId);
            }
        };
    }

    @Override
    public synchronized List<Long> findStaleTrials(long studyId, Duration grace) {
        study(studyId);
        long limit = System.currentTimeMillis() - grace.toMillis();
        List<Long> stale = new ArrayList<>();
        heartbeats.forEach((trialId, beat) -> { // only RUNNING trials keep a heartbeat entry
            TrialOwner.Liveness owner = owners.containsKey(trialId) ? owners.get(trialId).livenessHere()
                    : TrialOwner.Liveness.UNKNOWN;
            if (locationById.get(trialId)[0] == studyId
                    && StaleTrials.isStale(owner, leased.contains(trialId), beat < limit)) {
                stale.add(trialId);
            }
        });
        stale.sort(null);
        return stale;
    }

    @Override
    public synchronized boolean requeueTrial(long trialId, Map<String, String> systemAttrsJson) {
        FrozenTrial t = getTrial(trialId);
        if (t.state() != TrialState.RUNNING) {
            return false;
        }
        Map<String, Object> attrs = new LinkedHashMap<>(t.systemAttrs());
        attrs.remove(TrialOwner.ATTR);
        systemAttrsJson.forEach((k, v) -> attrs.put(k, UserAttrJson.parse(v)));
        replace(trialId, new FrozenTrial(t.trialId(), t.number(), TrialState.WAITING, null, Map.of(), Map.of(),
                new TreeMap<>(), Map.of(), null, null, null, attrs));
        heartbeats.remove(trialId);
        leased.remove(trialId);
        owners.remove(trialId);
        return true;
    }

    @Override
    public synchronized List<FrozenTrial> getAllTrials(long studyId) {
        return List.copyOf(study(studyId));
    }

    @Override
    public synchronized FrozenTrial getTrial(long trialId) {
        long[] loc = locationById.get(trialId);
        if (loc == null) {
            throw new NoSuchElementException("no trial with trial_id=" + trialId);
        }
        return trialsByStudy.get(loc[0]).get((int) loc[1]);
    }

    @Override
    public void close() {
        // nothing to release
    }

    private List<FrozenTrial> study(long studyId) {
        List<FrozenTrial> trials = trialsByStudy.get(studyId);
        if (trials == null) {
            throw new NoSuchElementException("no study with study_id=" + studyId);
        }
        return trials;
    }

    private FrozenTrial running(long trialId) {
        FrozenTrial t = getTrial(trialId);
        if (t.state().isFinished()) {
            throw new IllegalStateException("Trial#" + t.number() + " is already finished with state "
                    + t.state() + "; it cannot be updated.");
        }
        return t;
    }

    private void replace(long trialId, FrozenTrial t) {
        long[] loc = locationById.get(trialId);
        trialsByStudy.get(loc[0]).set((int) loc[1], t);
    }
}
