package org.lookaheadlab.optim.batched;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.spec.OptimizerSpec;

/** Hand-picked batched runs against the same runs alone (float64, 100 steps, 1e-10 relative). */
class BatchedEquivalenceTest {

    static void assertMatchesSolo(List<OptimizerSpec> specs, int steps) {
        List<RunsProblem.Result> batched = RunsProblem.batched(specs, steps, DataType.FLOAT64, null, null);
        for (int r = 0; r < specs.size(); r++) {
            RunsProblem.Result solo = RunsProblem.solo(specs.get(r), r, steps, DataType.FLOAT64, null);
            double w = RunsProblem.relativeError(batched.get(r).weights, solo.weights);
            double x = RunsProblem.relativeError(batched.get(r).evaluation, solo.evaluation);
            assertTrue(w <= 1e-10 && x <= 1e-10, specs.get(r) + " (run " + r + "): weights off by " + w
                    + ", evaluation weights by " + x);
        }
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
}
