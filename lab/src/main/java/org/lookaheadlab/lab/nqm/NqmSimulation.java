package org.lookaheadlab.lab.nqm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.optimizer.Optimizer;
import java.util.Locale;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/**
 * Runs an optimizer of the project on the NQM, on the engine: {@code chains} independent copies of the problem
 * as one float64 parameter of shape {@code (chains, dim)}, the loss {@code ½ Σ h ⊙ (x − c)²} summed over the
 * chains with {@code c ~ N(0, diag σ²)} drawn afresh for every chain and step, its gradient from the engine's
 * autograd, and the optimizer built from its spec updating the parameter through DJL's
 * {@link LocalParameterServer} as in training. Every chain starts at the problem's x₀.
 *
 * <p>What is measured: the NQM loss {@code ½ Σᵢ hᵢ xᵢ²} of every chain after each update whose count t is a
 * multiple of the cycle length k and past the burn-in (for the Lookahead family, the slow weights, which the
 * fast weights equal right after a sync); each chain's mean over those points; the mean over the chains with
 * its standard error (sample SD / √chains). The chains are independent (their noise is, and SGD and the Lookahead
 * family act element-wise, so no chain sees another), so the standard error is exact whatever the correlation
 * between the points of one chain; its expectation is
 * {@link NqmClosedForm#meanExpectedLoss(long, long)} over the same cycles.
 */
public final class NqmSimulation {

    private NqmSimulation() {}

    /**
     * One simulation's measurement.
     *
     * @param mean the mean over chains of each chain's mean loss over the measured cycles (NaN or ∞ if diverged)
     * @param standardError its standard error
     * @param chains chains simulated
     * @param firstCycle first measured cycle index n (after n·k updates)
     * @param lastCycle last measured cycle index
     * @param seconds wall time
     */
    public record Result(double mean, double standardError, int chains, long firstCycle, long lastCycle,
            double seconds) {

        /** Whether every chain stayed finite. */
        public boolean finite() {
            return Double.isFinite(mean) && Double.isFinite(standardError);
        }
    }

    /**
     * Simulates {@code spec} for {@code steps} updates and measures at every multiple of {@code cycle} after
     * {@code burnIn} updates.
     *
     * @throws IllegalArgumentException for a value out of range, or when no measured point lies past the burn-in
     */
    public static Result run(NqmProblem problem, OptimizerSpec spec, int cycle, long steps, long burnIn, int chains,
            long seed) {
        if (chains < 2) {
            throw new IllegalArgumentException("chains is " + chains + ", accepted range: >= 2");
        }
        if (cycle < 1) {
            throw new IllegalArgumentException("cycle is " + cycle + ", accepted range: >= 1");
        }
        if (burnIn < 0 || steps <= burnIn) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "steps is %d with burn-in %d, accepted: 0 <= burn-in < steps", steps, burnIn));
        }
        long firstCycle = burnIn / cycle + 1;
        long lastCycle = steps / cycle;
        if (lastCycle < firstCycle) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "no sync point (a multiple of k = %d) "
                    + "lies in steps %d..%d, accepted: steps - burn-in >= k", cycle, burnIn + 1, steps));
        }
        int dim = problem.dim();
        long started = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(Math.floorMod(seed, Integer.MAX_VALUE));
        Optimizer optimizer = spec.build();
        try (NDManager root = NDManager.newBaseManager(engine.defaultDevice(), engine.getEngineName())) {
            Shape shape = new Shape(chains, dim);
            NDArray h = root.create(problem.h(), new Shape(1, dim));
            double[] sd = problem.sigma2();
            for (int i = 0; i < dim; i++) {
                sd[i] = Math.sqrt(sd[i]);
            }
            NDArray sigma = root.create(sd, new Shape(1, dim));
            NDArray halfH = h.mul(0.5);
            NDArray x = root.create(problem.start(), new Shape(1, dim)).repeat(0, chains);
            x.setRequiresGradient(true);
            NDArray total = root.zeros(new Shape(chains), DataType.FLOAT64);
            LocalParameterServer server = new LocalParameterServer(optimizer);
            String id = "nqm-x";
            for (long t = 1; t <= steps; t++) {
                try (NDManager step = root.newSubManager()) {
                    NDArray c = step.randomNormal(0, 1, shape, DataType.FLOAT64).muli(sigma);
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray diff = x.sub(c);
                        diff.attach(step); // an op's result belongs to its first operand's manager: the root
                        collector.backward(diff.mul(diff).mul(halfH).sum());
                    }
                    NDArray grad = x.getGradient(); // a new handle on the gradient buffer
                    grad.attach(step);
                    server.update(id, new NDArray[] {grad}, new NDArray[] {x});
                    if (t % cycle == 0 && t > burnIn) {
                        NDArray square = x.mul(x);
                        square.attach(step);
                        total.addi(square.mul(halfH).sum(new int[] {1}));
                    }
                }
            }
            double[] perChain = total.toDoubleArray();
            long points = lastCycle - firstCycle + 1;
            double sum = 0;
            for (int c = 0; c < chains; c++) {
                perChain[c] /= points;
                sum += perChain[c];
            }
            double mean = sum / chains;
            double ss = 0;
            for (double v : perChain) {
                ss += (v - mean) * (v - mean);
            }
            double se = Math.sqrt(ss / (chains - 1) / chains);
            return new Result(mean, se, chains, firstCycle, lastCycle, (System.nanoTime() - started) / 1e9);
        } finally {
            if (optimizer instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not free the optimizer state", e);
                }
            }
        }
    }
}
