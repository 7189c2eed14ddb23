package org.lookaheadlab.optim.batched;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Tensors;

/**
 * What one batched rule keeps for one parameter over R runs: named tensors with a leading run axis (owned,
 * detached), and per-run counters and scalars (one entry per run). The batched form of
 * {@link org.lookaheadlab.optim.state.ParamState}.
 *
 * <p><b>Fresh runs.</b> A base optimizer's state of some runs may start over (its first step, or a Lookahead
 * {@code innerState = reset} of those runs): during a step that {@link #beginStep begins} with such runs, every
 * tensor asked for with an initializer has those runs' slices replaced by the initializer's, and every scalar
 * asked for with an initial value is set to it for those runs, exactly as the solo optimizer recreates its
 * state after a reset.
 *
 * <p><b>Snapshots.</b> {@link #snapshot} copies the frozen runs' slices and entries and {@link Snapshot#restore}
 * puts them back, which is how a frozen run's state never changes.
 */
public final class RunState implements AutoCloseable {

    private final int runs;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    private final Map<String, long[]> longs = new LinkedHashMap<>();
    private final Map<String, double[]> doubles = new LinkedHashMap<>();
    private boolean[] fresh;
    private NDArray freshMask;

    RunState(int runs) {
        this.runs = runs;
    }

    /** The number of runs. */
    public int runs() {
        return runs;
    }

    /** Marks the runs whose state starts over in this step ({@code like}: the weight, for the mask's shape). */
    void beginStep(boolean[] freshRuns, NDArray like) {
        if (Runs.any(freshRuns)) {
            fresh = freshRuns.clone();
            freshMask = Runs.mask(fresh, like);
        } else {
            fresh = null;
            freshMask = null;
        }
    }

    /** Ends the step begun by {@link #beginStep}. */
    void endStep() {
        fresh = null;
        freshMask = null;
    }

    /** The tensor {@code name}, or null. */
    public NDArray tensor(String name) {
        return tensors.get(name);
    }

    /**
     * The tensor {@code name}, created with {@code init} (and kept) if absent; the slices of fresh runs are
     * replaced by {@code init}'s.
     */
    public NDArray tensor(String name, Supplier<NDArray> init) {
        NDArray t = tensors.get(name);
        if (t == null) {
            t = Tensors.keep(init.get());
            tensors.put(name, t);
        } else if (fresh != null) {
            Tensors.copyInto(Runs.where(freshMask.reshape(Runs.columnShape(runs, t)), init.get(), t), t);
        }
        return t;
    }

    /** Stores {@code array} (kept) under {@code name}, closing the previous one. */
    public void putTensor(String name, NDArray array) {
        NDArray previous = tensors.put(name, Tensors.keep(array));
        if (previous != null && previous != array) {
            previous.close();
        }
    }

    /** Read-only view of the tensors. */
    public Map<String, NDArray> tensors() {
        return java.util.Collections.unmodifiableMap(tensors);
    }

    /** The per-run counter {@code name} (zeros at first), to read and write in place. */
    public long[] longs(String name) {
        return longs.computeIfAbsent(name, n -> new long[runs]);
    }

    /**
     * The per-run scalar {@code name} (every run at {@code initial} at first), to read and write in place; fresh
     * runs are set back to {@code initial}.
     */
    public double[] doubles(String name, double initial) {
        double[] d = doubles.get(name);
        if (d == null) {
            d = new double[runs];
            Arrays.fill(d, initial);
            doubles.put(name, d);
        } else if (fresh != null) {
            for (int r = 0; r < runs; r++) {
                if (fresh[r]) {
                    d[r] = initial;
                }
            }
        }
        return d;
    }

    /** The per-run counter {@code name} if present, else null (nothing is created). */
    public long[] longsIfPresent(String name) {
        return longs.get(name);
    }

    /** The per-run scalar {@code name} if present, else null (nothing is created). */
    public double[] doublesIfPresent(String name) {
        return doubles.get(name);
    }

    /** The key of the run count in a saved entry. */
    static final String RUNS = "#runs";

    /**
     * Writes everything into {@code out} (copies of the tensors; counters and scalars entry by entry, run r of
     * {@code name} as {@code name#r}), for {@link org.lookaheadlab.optim.state.StateFormat}.
     */
    void writeTo(ParamState out) {
        out.setLong(RUNS, runs);
        tensors.forEach((n, t) -> out.putTensor(n, t.duplicate()));
        longs.forEach((n, v) -> {
            for (int r = 0; r < v.length; r++) {
                out.setLong(n + "#" + r, v[r]);
            }
        });
        doubles.forEach((n, v) -> {
            for (int r = 0; r < v.length; r++) {
                out.setDouble(n + "#" + r, v[r]);
            }
        });
    }

    /**
     * The state written by {@link #writeTo} (tensors copied: {@code saved} keeps its own).
     *
     * @throws IllegalArgumentException if it was saved for another number of runs
     */
    static RunState readFrom(ParamState saved, int runs, String owner) {
        long savedRuns = saved.getLong(RUNS, -1);
        if (savedRuns != runs) {
            throw new IllegalArgumentException("optimizer state of " + owner + " was saved for " + savedRuns
                    + " runs; accepted: a state of " + runs + " runs");
        }
        RunState s = new RunState(runs);
        saved.tensors().forEach((n, t) -> s.tensors.put(n, Tensors.keepCopy(t)));
        saved.longs().forEach((key, v) -> {
            int at = key.lastIndexOf('#');
            if (at > 0) {
                s.longs(key.substring(0, at))[Integer.parseInt(key.substring(at + 1))] = v;
            }
        });
        saved.doubles().forEach((key, v) -> {
            int at = key.lastIndexOf('#');
            if (at > 0) {
                s.doubles(key.substring(0, at), 0)[Integer.parseInt(key.substring(at + 1))] = v;
            }
        });
        return s;
    }

    /**
     * A copy of the frozen runs' part of everything: their slices of every tensor (temporaries of the current
     * scope) and their counters and scalars.
     */
    Snapshot snapshot(boolean[] frozen) {
        List<Map.Entry<String, NDArray[]>> kept = new ArrayList<>();
        tensors.forEach((n, t) -> kept.add(Map.entry(n, slices(t, frozen))));
        Map<String, long[]> l = new LinkedHashMap<>();
        longs.forEach((n, v) -> l.put(n, v.clone()));
        Map<String, double[]> d = new LinkedHashMap<>();
        doubles.forEach((n, v) -> d.put(n, v.clone()));
        return new Snapshot(this, kept, l, d);
    }

    /** Copies of the slices of the flagged runs of {@code t} (null for the others). */
    static NDArray[] slices(NDArray t, boolean[] runs) {
        NDArray[] out = new NDArray[runs.length];
        for (int r = 0; r < runs.length; r++) {
            if (runs[r]) {
                out[r] = t.get(r).duplicate();
            }
        }
        return out;
    }

    /** Writes the kept slices back into their runs of {@code t}. */
    static void putBack(NDArray t, NDArray[] slices) {
        for (int r = 0; r < slices.length; r++) {
            if (slices[r] != null) {
                t.set(new NDIndex(r), slices[r]);
            }
        }
    }

    /** The frozen runs' part of a {@link RunState} at one moment. */
    static final class Snapshot {
        private final RunState owner;
        private final List<Map.Entry<String, NDArray[]>> tensors;
        private final Map<String, long[]> longs;
        private final Map<String, double[]> doubles;

        private Snapshot(RunState owner, List<Map.Entry<String, NDArray[]>> tensors, Map<String, long[]> longs,
                Map<String, double[]> doubles) {
            this.owner = owner;
            this.tensors = tensors;
            this.longs = longs;
            this.doubles = doubles;
        }

        /** Puts back the frozen runs' slices, counters and scalars. */
        void restore(boolean[] frozen) {
            for (Map.Entry<String, NDArray[]> e : tensors) {
                NDArray now = owner.tensors.get(e.getKey());
                if (now != null) {
                    putBack(now, e.getValue());
                }
            }
            longs.forEach((n, before) -> {
                long[] now = owner.longs.get(n);
                for (int r = 0; r < before.length; r++) {
                    if (frozen[r]) {
                        now[r] = before[r];
                    }
                }
            });
            doubles.forEach((n, before) -> {
                double[] now = owner.doubles.get(n);
                for (int r = 0; r < before.length; r++) {
                    if (frozen[r]) {
                        now[r] = before[r];
                    }
                }
            });
        }
    }

    /** Closes every tensor and forgets everything. */
    @Override
    public void close() {
        tensors.values().forEach(NDArray::close);
        tensors.clear();
        longs.clear();
        doubles.clear();
    }
}
