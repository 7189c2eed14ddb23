package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.optimizer.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lookaheadlab.optim.base.AdamWScheduleFree;
import org.lookaheadlab.optim.base.Sgd;
import org.lookaheadlab.optim.base.SgdScheduleFree;
import org.lookaheadlab.optim.spec.OptimizerSpec;
import org.lookaheadlab.optim.spec.SpecSyntaxException;
import org.lookaheadlab.optim.wrap.Ema;
import org.lookaheadlab.optim.wrap.ScheduleFree;
import org.lookaheadlab.optim.wrap.Swa;

/**
 * Every bad value of the averaging methods gets one line naming the field, the value and the accepted range, from
 * the spec text and from the builders alike: decay ∉ [0, 1), start &lt; 1, every &lt; 1, schedule-free momentum ∉
 * (0, 1], warmupSteps &lt; 0, r &lt; 0, weightLrPower &lt; 0, lr ≤ 0.
 */
class AveragingValidationTest {

    /** Spec text → the problem it must report. */
    private static Map<String, String> badSpecs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ema(adam,decay=1)", "decay = 1.0 is out of range; accepted: [0, 1)");
        m.put("ema(adam,decay=-0.1)", "decay = -0.1 is out of range; accepted: [0, 1)");
        m.put("ema(adam,start=0)", "start = 0 is out of range; accepted: [1, ∞)");
        m.put("ema(adam,every=0)", "every = 0 is out of range; accepted: [1, ∞)");
        m.put("swa(adam,start=-2)", "start = -2 is out of range; accepted: [1, ∞)");
        m.put("swa(adam,every=0)", "every = 0 is out of range; accepted: [1, ∞)");
        m.put("schedule-free(adam,momentum=0)", "momentum = 0.0 is out of range; accepted: (0, 1]");
        m.put("schedule-free(adam,momentum=1.5)", "momentum = 1.5 is out of range; accepted: (0, 1]");
        m.put("schedule-free(adam,r=-1)", "r = -1.0 is out of range; accepted: [0, ∞) (finite, ≥ 0)");
        m.put("schedule-free(adam,weightLrPower=-0.5)",
                "weightLrPower = -0.5 is out of range; accepted: [0, ∞) (finite, ≥ 0)");
        m.put("schedule-free(adam,weightDecayAtY=-1)",
                "weightDecayAtY = -1.0 is out of range; accepted: [0, ∞) (finite, ≥ 0)");
        m.put("sgd-schedule-free(momentum=0)", "momentum = 0.0 is out of range; accepted: (0, 1]");
        m.put("sgd-schedule-free(momentum=1.01)", "momentum = 1.01 is out of range; accepted: (0, 1]");
        m.put("adamw-schedule-free(beta1=0)", "beta1 = 0.0 is out of range; accepted: (0, 1]");
        m.put("adamw-schedule-free(beta2=1)", "beta2 = 1.0 is out of range; accepted: [0, 1)");
        for (String base : new String[] {"sgd-schedule-free", "adamw-schedule-free"}) {
            m.put(base + "(warmupSteps=-1)", "warmupSteps = -1 is out of range; accepted: [0, ∞)");
            m.put(base + "(r=-0.1)", "r = -0.1 is out of range; accepted: [0, ∞) (finite, ≥ 0)");
            m.put(base + "(weightLrPower=-2)", "weightLrPower = -2.0 is out of range; accepted: [0, ∞) (finite, ≥ 0)");
            m.put(base + "(lr=0)", "lr = 0.0 is out of range; accepted: (0, ∞) (finite, > 0)");
            m.put(base + "(lr=-0.5)", "lr = -0.5 is out of range; accepted: (0, ∞) (finite, > 0)");
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> everyBadValueInTheTextGetsFieldValueAndRange() {
        return badSpecs().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            SpecSyntaxException x = assertThrows(SpecSyntaxException.class, () -> OptimizerSpec.parse(e.getKey()));
            assertEquals(e.getValue(), x.problem());
        }));
    }

    @Test
    void theBuildersSayTheSame() {
        Optimizer inner = Sgd.builder().build();
        assertMessage("decay = 1.0 is out of range; accepted: [0, 1)", () -> Ema.builder().optDecay(1));
        assertMessage("decay = NaN is out of range; accepted: [0, 1)", () -> Ema.builder().optDecay(Double.NaN));
        assertMessage("start = 0 is out of range; accepted: [1, ∞)", () -> Ema.builder().optStart(0));
        assertMessage("every = 0 is out of range; accepted: [1, ∞)", () -> Swa.builder().optEvery(0));
        assertMessage("momentum = 0.0 is out of range; accepted: (0, 1]", () -> ScheduleFree.builder().optMomentum(0));
        assertMessage("momentum = NaN is out of range; accepted: (0, 1]",
                () -> SgdScheduleFree.builder().optMomentum(Double.NaN));
        assertMessage("beta1 = 1.5 is out of range; accepted: (0, 1]", () -> AdamWScheduleFree.builder().optBeta1(1.5));
        assertMessage("warmupSteps = -3 is out of range; accepted: [0, ∞)",
                () -> AdamWScheduleFree.builder().optWarmupSteps(-3));
        assertMessage("r = -1.0 is out of range; accepted: [0, ∞) (finite, ≥ 0)",
                () -> ScheduleFree.builder().optR(-1));
        assertMessage("weightLrPower = Infinity is out of range; accepted: [0, ∞) (finite, ≥ 0)",
                () -> SgdScheduleFree.builder().optWeightLrPower(Double.POSITIVE_INFINITY));
        assertMessage("lr = 0.0 is out of range; accepted: (0, ∞) (finite, > 0)",
                () -> SgdScheduleFree.builder().optLearningRate(0));
        assertMessage("innerLearningRate = -1.0 is out of range; accepted: (0, ∞) (finite, > 0)",
                () -> ScheduleFree.builder().setInner(inner).optInnerLearningRate(-1));
        assertMessage("inner = null is out of range; accepted: an Optimizer", () -> Ema.builder().build());
        assertMessage("clipGrad = 1.0 is out of range; accepted: unset on a wrapper (set it on the inner optimizer)",
                () -> Swa.builder().setInner(inner).optClipGrad(1f).build());
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertEquals(message, e.getMessage());
    }
}
