package org.lookaheadlab.optim.batched;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lookaheadlab.optim.spec.OptimizerRecord;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.Registry;

/**
 * Divergence isolation and determinism, for every registry record (R = 3 drawn runs, float64, 100 steps): run 1
 * gets NaN (and ∞) gradients from step 10 and is frozen, and the other runs are bit-identical to the batch in
 * which nothing diverged, while the frozen run keeps its weights and evaluation weights from the moment it was
 * frozen; two identical batched runs are bit-identical.
 */
class BatchedFreezeTest {

    static final int STEPS = 100;
    static final int DIVERGES = 10;

    /** NaN in run 1's gradient of w, +∞ in its other gradients, from step 10 on. */
    static final RunsProblem.Override BLOW_UP = (name, run, t, g) -> {
        if (run != 1 || t < DIVERGES) {
            return g;
        }
        double[] bad = new double[g.length];
        Arrays.fill(bad, name.equals("w") ? Double.NaN : Double.POSITIVE_INFINITY);
        return bad;
    };

    static Stream<String> records() {
        return Registry.optimizers().stream().map(OptimizerRecord::name);
    }

    static List<OptimizerSpec> specs(String name) {
        return new SpecDraw(name.hashCode() * 31L + 7).specs(Registry.optimizer(name), 3);
    }

    @ParameterizedTest
    @MethodSource("records")
    void aFrozenRunLeavesTheOthersExactlyAsWithoutIt(String name) {
        List<OptimizerSpec> specs = specs(name);
        List<RunsProblem.Result> reference = RunsProblem.batched(specs, STEPS, DataType.FLOAT64, null, null);
        List<RunsProblem.Result> again = RunsProblem.batched(specs, STEPS, DataType.FLOAT64, null, null);
        for (int r = 0; r < 3; r++) {
            assertTrue(RunsProblem.identical(reference.get(r), again.get(r)), name + ": run " + r
                    + " is deterministic (two batched runs bit-identical)");
        }

        // frozen before its first bad gradient arrives: its weights stay those after step 9
        List<RunsProblem.Result> frozen = RunsProblem.batched(specs, STEPS, DataType.FLOAT64, BLOW_UP,
                (t, o) -> {
                    if (t == DIVERGES) {
                        o.freeze(1);
                    }
                });
        assertOthersIdentical(name + " (frozen before the bad gradient)", reference, frozen);
        RunsProblem.Result alone = RunsProblem.solo(specs.get(1), 1, DIVERGES - 1, DataType.FLOAT64, null);
        double w = RunsProblem.relativeError(frozen.get(1).weights, alone.weights);
        double x = RunsProblem.relativeError(frozen.get(1).evaluation, alone.evaluation);
        assertTrue(w <= 1e-10 && x <= 1e-10, name + ": the frozen run keeps its weights after step "
                + (DIVERGES - 1) + " (off by " + w + ", evaluation weights by " + x + ")");

        // frozen after one bad step: its NaN weights and state stay in their slice
        List<RunsProblem.Result> late = RunsProblem.batched(specs, STEPS, DataType.FLOAT64, BLOW_UP, (t, o) -> {
            if (t == DIVERGES + 1) {
                o.freeze(1);
            }
        });
        assertOthersIdentical(name + " (frozen after a bad step)", reference, late);
        List<RunsProblem.Result> upToIt = RunsProblem.batched(specs, DIVERGES, DataType.FLOAT64, BLOW_UP, null);
        assertTrue(RunsProblem.identical(late.get(1), upToIt.get(1)), name + ": the frozen run keeps its weights"
                + " after step " + DIVERGES + ", bit for bit");
    }

    private static void assertOthersIdentical(String what, List<RunsProblem.Result> reference,
            List<RunsProblem.Result> frozen) {
        for (int r : new int[] {0, 2}) {
            assertTrue(RunsProblem.identical(reference.get(r), frozen.get(r)), what + ": run " + r
                    + " is bit-identical to the batch where nothing diverged");
        }
    }

    /**
     * Exact resume: the state saved before step 37, loaded into a new optimizer made from the same specs (its
     * parameters under other ids, as in a new process), continues every run bit for bit.
     */
    @ParameterizedTest
    @MethodSource("records")
    void aSavedStateResumesEveryRunBitForBit(String name) {
        List<OptimizerSpec> specs = specs(name);
        List<RunsProblem.Result> whole = RunsProblem.batched(specs, STEPS, DataType.FLOAT64, null, null);
        List<RunsProblem.Result> resumed = RunsProblem.batched(specs, STEPS, DataType.FLOAT64, null, null, 37);
        for (int r = 0; r < 3; r++) {
            assertTrue(RunsProblem.identical(whole.get(r), resumed.get(r)), name + ": run " + r
                    + " resumed bit for bit");
        }
    }
}
