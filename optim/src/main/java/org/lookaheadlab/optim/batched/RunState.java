package org.lookaheadlab.optim.batched;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
 * <p><b>Snapshots.</b> {@link #snapshot()} copies everything; {@link Snapshot#restore} puts back the slices and
 * entries of the frozen runs, which is how a frozen run's state never changes.
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

    /** A copy of everything (tensor copies owned by the snapshot). */
    Snapshot snapshot() {
        List<Map.Entry<String, NDArray>> kept = new ArrayList<>();
        tensors.forEach((n, t) -> kept.add(Map.entry(n, t.duplicate())));
        Map<String, long[]> l = new LinkedHashMap<>();
        longs.forEach((n, v) -> l.put(n, v.clone()));
        Map<String, double[]> d = new LinkedHashMap<>();
        doubles.forEach((n, v) -> d.put(n, v.clone()));
        return new Snapshot(this, kept, l, d);
    }

    /** The state of a {@link RunState} at one moment. */
    static final class Snapshot {
        private final RunState owner;
        private final List<Map.Entry<String, NDArray>> tensors;
        private final Map<String, long[]> longs;
        private final Map<String, double[]> doubles;

        private Snapshot(RunState owner, List<Map.Entry<String, NDArray>> tensors, Map<String, long[]> longs,
                Map<String, double[]> doubles) {
            this.owner = owner;
            this.tensors = tensors;
            this.longs = longs;
            this.doubles = doubles;
        }

        /** Puts back the frozen runs' slices and entries ({@code active}: the boolean column of the other runs). */
        void restore(boolean[] frozen, NDArray active) {
            for (Map.Entry<String, NDArray> e : tensors) {
                NDArray now = owner.tensors.get(e.getKey());
                if (now != null) {
                    Tensors.copyInto(Runs.where(active.reshape(Runs.columnShape(owner.runs, now)), now,
                            e.getValue()), now);
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
