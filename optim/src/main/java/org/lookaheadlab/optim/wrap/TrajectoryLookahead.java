package org.lookaheadlab.optim.wrap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.lookaheadlab.optim.Points;
import org.lookaheadlab.optim.state.Check;
import org.lookaheadlab.optim.state.ParamState;
import org.lookaheadlab.optim.state.Scalars;
import org.lookaheadlab.optim.state.Tensors;
import java.util.List;
import org.lookaheadlab.optim.batched.BatchedRule;
import org.lookaheadlab.optim.batched.RunState;
import org.lookaheadlab.optim.batched.Runs;

/**
 * Trajectory Lookahead: Lookahead whose slow weights move toward the average of m points of the current cycle's
 * fast trajectory (inspired by Polyak–Ruppert averaging) instead of toward its last point:
 * <pre>
 * points = last:    the fast weights after inner steps k−m+1, …, k of the cycle
 * points = spread:  the fast weights after steps ⌊j·k/m⌋, j = 1..m (evenly spaced, the last at step k)
 * at the sync after step k:  avg ← (Σ points)/m;  slow ← slow + α(avg − slow);  θ ← slow
 * </pre>
 * A running sum is kept, so the extra memory is two parameter copies (slow + sum) whatever m is. m = 1 is
 * exactly {@link Lookahead}(k, α). 1 ≤ m ≤ k. innerState as Lookahead. Defaults k = 5, m = 3, α = 1, points
 * last, innerState none.
 */
public class TrajectoryLookahead extends AbstractLookahead {

    static final String SUM = "sum";

    private final int m;
    private final Points points;
    private final boolean[] isPoint;
    private final int firstPoint;
    private final Scalars mScalar;
    private final Scalars alphaOverM;
    private final Scalars oneMinusAlpha;

    protected TrajectoryLookahead(Builder builder) {
        super(builder);
        m = builder.m;
        points = builder.points;
        isPoint = new boolean[k + 1];
        int first = k;
        for (int j = 1; j <= m; j++) {
            int step = points == Points.LAST ? k - m + j : (int) ((long) j * k / m);
            isPoint[step] = true;
            first = Math.min(first, step);
        }
        firstPoint = first;
        mScalar = new Scalars(m);
        alphaOverM = new Scalars(alpha / m);
        oneMinusAlpha = new Scalars(1 - alpha);
    }

    /** A builder with k = 5, m = 3, α = 1, points last. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of averaged points m. */
    public int m() {
        return m;
    }

    /** Which points are averaged. */
    public Points points() {
        return points;
    }

    /** Whether the fast weights after step {@code position} (1..k) of a cycle are averaged. */
    public boolean isAveragedStep(int position) {
        return position >= 1 && position <= k && isPoint[position];
    }

    @Override
    protected void afterFastStep(ParamState state, long position, NDArray weight) {
        if (!isPoint[(int) position]) {
            return;
        }
        NDArray sum = state.tensor(SUM);
        if (sum == null) {
            state.putTensor(SUM, weight.duplicate());
        } else if (position == firstPoint) {
            Tensors.copyInto(weight, sum);
        } else {
            sum.addi(weight);
        }
    }

    /**
     * avg ← sum/m (in the sum's storage); avg ← ((avg − slow)·α) + slow, which becomes the slow weights (the two
     * buffers swap roles, the old slow array is the next cycle's sum); θ ← copy(slow). For float32 with m &gt; 1 and
     * 0 &lt; α &lt; 1 the same value is computed with one engine op fewer, in the slow array:
     * slow ← (1 − α)·slow + (α/m)·sum (it rounds differently, within float32 precision); float64 keeps the form
     * above bit for bit. Either way the sum array's content after a sync is scratch: the next cycle's first
     * point overwrites it.
     */
    @Override
    protected void sync(ParamState state, NDArray weight) {
        NDArray slow = state.tensor(SLOW);
        if (alpha == 0) {
            Tensors.copyInto(slow, weight);
            return;
        }
        NDArray sum = state.tensor(SUM);
        if (m > 1 && alpha != 1 && sum.getDataType() == DataType.FLOAT32) {
            sum.muli(alphaOverM.on(sum)); // (α/m)·Σ
            slow.muli(oneMinusAlpha.on(slow)).addi(sum); // (1 − α)·slow + (α/m)·Σ
            Tensors.copyInto(slow, weight);
            return;
        }
        if (m > 1) {
            sum.divi(mScalar.on(sum));
        }
        if (alpha != 1) {
            lerpInPlace(sum, slow);
        }
        state.swapTensors(SLOW, SUM);
        Tensors.copyInto(sum, weight);
    }

    @Override
    public void close() {
        mScalar.close();
        alphaOverM.close();
        oneMinusAlpha.close();
        super.close();
    }

    /** The batched form of R runs' TrajectoryLookahead around their batched inner rule. */
    public static BatchedRule batched(List<TrajectoryLookahead> runs, BatchedRule inner) {
        return new Batched(runs, inner);
    }

    /**
     * The rule above for R runs at once ({@link AbstractLookahead.BatchedCycle}), each with its own k, m and α
     * (per-run masks pick each run's own averaged steps); points must be the same in every run.
     */
    static final class Batched extends BatchedCycle {
        private final boolean[][] isPoint;
        private final int[] firstPoint;
        private final double[] m;

        Batched(List<TrajectoryLookahead> runs, BatchedRule inner) {
            super(runs, inner);
            same(runs, TrajectoryLookahead::points, "points", "TrajectoryLookahead");
            isPoint = runs.stream().map(o -> o.isPoint).toArray(boolean[][]::new);
            firstPoint = runs.stream().mapToInt(o -> o.firstPoint).toArray();
            m = runs.stream().mapToDouble(o -> o.m).toArray();
        }

        /** sum ← θ at each run's first averaged step of the cycle, sum ← sum + θ at its later ones. */
        @Override
        void afterFastStep(RunState state, long[] position, NDArray weight) {
            boolean[] point = new boolean[runs];
            boolean[] first = new boolean[runs];
            for (int r = 0; r < runs; r++) {
                point[r] = isPoint[r][(int) position[r]];
                first[r] = point[r] && position[r] == firstPoint[r];
            }
            if (!Runs.any(point)) {
                return;
            }
            NDArray sum = state.tensor(SUM, weight::zerosLike);
            NDArray next = Runs.where(Runs.mask(point, weight), sum.add(weight), sum);
            Tensors.copyInto(Runs.where(Runs.mask(first, weight), weight, next), sum);
        }

        /** avg ← sum/m; slow ← slow + α(avg − slow); θ ← slow, for the runs in {@code mask}. */
        @Override
        void sync(RunState state, NDArray mask, NDArray weight) {
            NDArray sum = state.tensor(SUM, weight::zerosLike);
            moveSlow(state, mask, sum.div(constants.of(m, weight)), weight);
        }
    }

    /** Builder of {@link TrajectoryLookahead}. */
    public static final class Builder extends LookaheadBuilder<Builder> {
        int m = 3;
        Points points = Points.LAST;

        Builder() {
            super(1.0);
        }

        /** Number of averaged points m ∈ [1, k] (trajectory_len); checked against k in {@link #build()}. */
        public Builder optM(int m) {
            this.m = Check.atLeast("m", m, 1);
            return this;
        }

        /** Which points of the cycle are averaged. */
        public Builder optPoints(Points points) {
            Check.that(points != null, "points", null, "last, spread");
            this.points = points;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Validates m ≤ k and builds. */
        public TrajectoryLookahead build() {
            Check.between("m", m, 1, k, "k");
            return new TrajectoryLookahead(this);
        }
    }
}
