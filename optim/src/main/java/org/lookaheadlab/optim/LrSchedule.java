package org.lookaheadlab.optim;

import ai.djl.training.tracker.Tracker;
import org.lookaheadlab.optim.state.Check;

/**
 * PyTorch-style learning-rate schedules as DJL {@link Tracker}s, computed in double precision: pass one to
 * {@code optLearningRateTracker} of any base builder, or under key {@code lr} of {@link Optimizers#create}.
 *
 * <p><b>Step indexing.</b> Our optimizers ask their tracker with the parameter's own step count t = 1, 2, …
 * (the same 1-based count DJL's built-in optimizers pass: {@code Optimizer.updateCount} starts at
 * {@code beginNumUpdate + 1 = 1}). A schedule here gives the learning rate of step t as a function of
 * i = t − 1, the number of steps already taken, so the first step uses the base lr: exactly the lr torch.optim
 * uses at its step t when the scheduler's {@code step()} is called once after every optimizer step.
 * <pre>
 * constant(lr):                     lr
 * step(lr, s, γ):                   lr·γ^⌊i/s⌋                                       (torch StepLR)
 * cosine(lr, lrMin, T):             lrMin + (lr − lrMin)·(1 + cos(π·min(i, T)/T))/2   (torch CosineAnnealingLR,
 *                                   held at lrMin after T steps instead of rising again)
 * warmupCosine(lr, W, lrMin, T):    lr·(i + 1)/W for i &lt; W (linear warm-up reaching lr at step W), then
 *                                   cosine(lr, lrMin, T − W) at i − W
 * </pre>
 * Why not DJL's trackers: they compute in float (a float64 run would not get its exact lr), they index from the
 * update count so that e.g. {@code Tracker.cosine()} is already below the base lr at the first step, DJL's
 * {@code Tracker.factor()} decays every update (lr·γ^t) rather than every s steps, and none exposes its base
 * lr, which AdaBound needs ({@link #baseLr()}). DJL trackers are still accepted everywhere a schedule is.
 *
 * <p>With Lookahead-family wrappers and innerState = reset, the schedule does not restart at a sync: the base
 * optimizers count the schedule's steps separately from the step t that the reset restarts (see
 * {@code BaseOptimizer}).
 */
public sealed interface LrSchedule extends Tracker
        permits LrSchedule.Constant, LrSchedule.Step, LrSchedule.Cosine, LrSchedule.WarmupCosine {

    /** The base (peak) learning rate: AdaBound's lr₀. */
    double baseLr();

    /** The learning rate of step {@code t} (1 for the first step; t &lt; 1 is treated as 1). */
    double valueAt(long t);

    /** DJL's view: {@code (float) valueAt(numUpdate)}. */
    @Override
    default float getNewValue(int numUpdate) {
        return (float) valueAt(numUpdate);
    }

    /** A constant learning rate lr ∈ (0, ∞). */
    static LrSchedule constant(double lr) {
        return new Constant(lr);
    }

    /** lr·γ^⌊(t−1)/stepSize⌋ with lr ∈ (0, ∞), stepSize ≥ 1, γ ∈ (0, 1]. */
    static LrSchedule step(double lr, long stepSize, double gamma) {
        return new Step(lr, stepSize, gamma);
    }

    /** Cosine annealing from lr to lrMin ∈ [0, lr] over totalSteps ≥ 1 steps. */
    static LrSchedule cosine(double lr, double lrMin, long totalSteps) {
        return new Cosine(lr, lrMin, totalSteps);
    }

    /** Linear warm-up over warmupSteps ∈ [1, totalSteps), then cosine annealing to lrMin at totalSteps. */
    static LrSchedule warmupCosine(double lr, long warmupSteps, double lrMin, long totalSteps) {
        return new WarmupCosine(lr, warmupSteps, lrMin, totalSteps);
    }

    private static void checkLr(double lr) {
        Check.that(lr > 0 && Double.isFinite(lr), "lr", lr, "(0, ∞)");
    }

    private static long completed(long t) {
        return Math.max(0, t - 1);
    }

    /** lr at every step. */
    record Constant(double lr) implements LrSchedule {
        public Constant {
            checkLr(lr);
        }

        @Override
        public double baseLr() {
            return lr;
        }

        @Override
        public double valueAt(long t) {
            return lr;
        }
    }

    /** lr·γ^⌊i/stepSize⌋, i = t − 1 (torch StepLR). */
    record Step(double lr, long stepSize, double gamma) implements LrSchedule {
        public Step {
            checkLr(lr);
            Check.that(stepSize >= 1, "stepSize", stepSize, "[1, ∞)");
            Check.that(gamma > 0 && gamma <= 1, "gamma", gamma, "(0, 1]");
        }

        @Override
        public double baseLr() {
            return lr;
        }

        @Override
        public double valueAt(long t) {
            return lr * Math.pow(gamma, completed(t) / stepSize);
        }
    }

    /** lrMin + (lr − lrMin)·(1 + cos(π·min(i, T)/T))/2, i = t − 1 (torch CosineAnnealingLR, held after T). */
    record Cosine(double lr, double lrMin, long totalSteps) implements LrSchedule {
        public Cosine {
            checkLr(lr);
            Check.that(lrMin >= 0 && lrMin <= lr, "lrMin", lrMin, "[0, lr = " + lr + "]");
            Check.that(totalSteps >= 1, "totalSteps", totalSteps, "[1, ∞)");
        }

        @Override
        public double baseLr() {
            return lr;
        }

        @Override
        public double valueAt(long t) {
            return annealed(completed(t));
        }

        /** The value after {@code i} completed steps. */
        double annealed(long i) {
            double progress = (double) Math.min(i, totalSteps) / totalSteps;
            return lrMin + (lr - lrMin) * (1 + Math.cos(Math.PI * progress)) / 2;
        }
    }

    /** lr·(i + 1)/W for i &lt; W, then cosine(lr, lrMin, T − W) at i − W; i = t − 1. */
    record WarmupCosine(double lr, long warmupSteps, double lrMin, long totalSteps) implements LrSchedule {
        public WarmupCosine {
            checkLr(lr);
            Check.that(lrMin >= 0 && lrMin <= lr, "lrMin", lrMin, "[0, lr = " + lr + "]");
            Check.that(totalSteps >= 2, "totalSteps", totalSteps, "[2, ∞) with warm-up");
            Check.that(warmupSteps >= 1 && warmupSteps < totalSteps, "warmupSteps", warmupSteps,
                    "[1, totalSteps = " + totalSteps + ")");
        }

        @Override
        public double baseLr() {
            return lr;
        }

        @Override
        public double valueAt(long t) {
            long i = completed(t);
            if (i < warmupSteps) {
                return lr * (i + 1) / warmupSteps;
            }
            return new Cosine(lr, lrMin, totalSteps - warmupSteps).annealed(i - warmupSteps);
        }
    }
}
