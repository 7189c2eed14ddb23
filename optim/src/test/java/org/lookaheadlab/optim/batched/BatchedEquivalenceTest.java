package org.lookaheadlab.optim.batched;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/** Hand-picked batched runs against the same runs alone (float64, 100 steps, 1e-10 relative). */
class BatchedEquivalenceTest {

    /**
     * The batched runs' weights and evaluation weights equal each run's solo optimizer to {@code tolerance}
     * relative; inside {@code swapIn()} the model holds the evaluation weights, and after it the training weights
     * (both exact).
     */
    static void assertMatchesSolo(List<OptimizerSpec> specs, int steps, DataType dtype, double tolerance) {
        List<RunsProblem.Result> batched = RunsProblem.batched(specs, steps, dtype, null, null);
        for (int r = 0; r < specs.size(); r++) {
            RunsProblem.Result solo = RunsProblem.solo(specs.get(r), r, steps, dtype, null);
            RunsProblem.Result b = batched.get(r);
            double w = RunsProblem.relativeError(b.weights, solo.weights);
            double x = RunsProblem.relativeError(b.evaluation, solo.evaluation);
            assertTrue(w <= tolerance && x <= tolerance, specs.get(r) + " (run " + r + ", " + dtype
                    + "): weights off by " + w + ", evaluation weights by " + x + " (tolerance " + tolerance + ")");
            assertTrue(RunsProblem.same(b.swapped, b.evaluation), specs.get(r) + ": swapIn() holds the evaluation"
                    + " weights");
        }
    }

    /** {@link #assertMatchesSolo(List, int, DataType, double)} in float64 to 1e-10. */
    static void assertMatchesSolo(List<OptimizerSpec> specs, int steps) {
        assertMatchesSolo(specs, steps, DataType.FLOAT64, 1e-10);
    }

    static List<OptimizerSpec> parse(String... texts) {
        return java.util.Arrays.stream(texts).map(OptimizerSpec::parse).toList();
    }

    @Test
    void sgdWithMomentumNesterovAndDampeningPerRun() {
        assertMatchesSolo(parse("sgd(lr=0.1,momentum=0.9,nesterov=true)", "sgd(lr=0.05,momentum=0.5,dampening=0.3,"
                + "weightDecay=0.01)", "sgd(lr=0.2)"), 100);
    }

    @Test
    void adamAndAmsgradPerRun() {
        assertMatchesSolo(parse("adam(lr=0.01)", "adam(lr=0.05,beta1=0.8,beta2=0.99,amsgrad=true,weightDecay=0.01)",
                "adam(lr=0.02,eps=1e-6,clipGrad=0.3)"), 100);
        assertMatchesSolo(parse("adamw(lr=0.01)", "adamw(lr=0.03,weightDecay=0.1)"), 100);
    }

    @Test
    void lookaheadWithItsOwnKAndAlphaPerRun() {
        assertMatchesSolo(parse("lookahead(adam(lr=0.01),k=5,alpha=0.5)", "lookahead(adam(lr=0.03),k=3,alpha=0.8)",
                "lookahead(adam(lr=0.02,beta1=0.7),k=7,alpha=0.2)"), 100);
        assertMatchesSolo(parse("lookahead(sgd(lr=0.1,momentum=0.9),k=4,innerState=pullback)",
                "lookahead(sgd(lr=0.05,momentum=0.5),k=6,alpha=0.3,innerState=pullback)"), 100);
        assertMatchesSolo(parse("lookahead(adam(lr=0.01),k=4,innerState=reset)",
                "lookahead(adam(lr=0.02,schedule=cosine(lrMin=0.001)),k=6,innerState=reset)"), 100);
    }

    @Test
    void nestedWrappers() {
        assertMatchesSolo(parse("ema(lookahead(adam(lr=0.01),k=5),decay=0.9)",
                "ema(lookahead(adam(lr=0.02),k=3,alpha=0.7),decay=0.8,start=5)",
                "ema(lookahead(adam(lr=0.005),k=4),decay=0.95,every=3)"), 100);
        assertMatchesSolo(parse("lookahead(sgd-schedule-free(lr=0.5),k=5)", "lookahead(sgd-schedule-free(lr=0.8,"
                + "momentum=0.8,warmupSteps=5),k=3,alpha=0.7)", "lookahead(sgd-schedule-free(lr=0.3,r=0.5),k=6)"), 100);
        assertMatchesSolo(parse("swa(trajectory-lookahead(adam(lr=0.01),k=5,m=3),start=10)",
                "swa(trajectory-lookahead(adam(lr=0.02),k=6,m=2,alpha=0.6),start=5,every=2)",
                "swa(trajectory-lookahead(adam(lr=0.01),k=4,m=4,alpha=0.3))"), 100);
        assertMatchesSolo(parse("swa(trajectory-lookahead(adam(lr=0.01),k=5,m=3,points=spread))",
                "swa(trajectory-lookahead(adam(lr=0.02),k=7,m=2,points=spread),start=20)"), 100);
    }

    @Test
    void weightTrajectoryLrWithPerRunLayerNorms() {
        assertMatchesSolo(parse("wtlr(adam(lr=0.02),beta=0.5)", "wtlr(adam(lr=0.05,beta1=0.8),beta=2)",
                "wtlr(adam(lr=0.03),beta=0)"), 100);
        assertMatchesSolo(parse("wtlr(sgd(lr=0.1,momentum=0.9),beta=1,grouping=tensor)",
                "wtlr(sgd(lr=0.05),beta=3,grouping=tensor)"), 100);
        assertMatchesSolo(parse("wtlr(novograd(lr=0.01),beta=1)", "wtlr(novograd(lr=0.02,beta2=0.5),beta=0.3)"), 100);
        // an inner rule that is not linear in lr: the displacement is scaled
        assertMatchesSolo(parse("wtlr(sgd-schedule-free(lr=0.5),beta=1)", "wtlr(sgd-schedule-free(lr=0.3),beta=2)"),
                100);
        assertMatchesSolo(parse("lookahead(wtlr(adam(lr=0.02),beta=1),k=4)", "lookahead(wtlr(adam(lr=0.03),beta=0.2),"
                + "k=6)"), 100);
        assertMatchesSolo(parse("wtlr(lookahead(adam(lr=0.02),k=4),beta=1)", "wtlr(lookahead(adam(lr=0.03),k=2),"
                + "beta=0.2)"), 100);
    }

    @Test
    void scheduleFreeWrapperAndBases() {
        assertMatchesSolo(parse("schedule-free(sgd(lr=0.1,momentum=0.9),weightDecayAtY=0.01)",
                "schedule-free(sgd(lr=0.2),momentum=0.7,r=1)", "schedule-free(sgd(lr=0.05,momentum=0.5))"), 100);
        assertMatchesSolo(parse("schedule-free(adam(lr=0.01,schedule=cosine),weightLrPower=1)",
                "schedule-free(adam(lr=0.02))"), 100);
        assertMatchesSolo(parse("adamw-schedule-free(lr=0.01,warmupSteps=10)", "adamw-schedule-free(lr=0.03,beta1=1)",
                "adamw-schedule-free(lr=0.02,weightDecay=0.1,r=1)"), 100);
    }

    @Test
    void differentSchedulesInOneBatch() {
        assertMatchesSolo(parse("adam(lr=0.02,schedule=cosine(lrMin=0.001))",
                "adam(lr=0.03,schedule=warmup-cosine(warmupSteps=10,totalSteps=80))",
                "adam(lr=0.01,schedule=step(stepSize=7,gamma=0.5))", "adam(lr=0.02)"), 100);
        assertMatchesSolo(parse("adabound(lr=0.01,schedule=warmup-cosine(warmupSteps=10))",
                "adabound(lr=0.02,schedule=cosine)"), 100);
    }

    @Test
    void oneRunAlone() {
        assertMatchesSolo(parse("lookahead(adam(lr=0.02),k=3)"), 100);
    }
}
