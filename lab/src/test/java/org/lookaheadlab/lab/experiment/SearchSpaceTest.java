package org.lookaheadlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.optim.spec.OptimizerSpec;

class SearchSpaceTest {

    @Test
    void parsesTheFlagForm() {
        SearchSpace s = SearchSpace.parse("lr=1e-5:1e-1:log, beta=0:1");
        assertEquals(List.of(new SearchParam("lr", 1e-5, 0.1, true), new SearchParam("beta", 0, 1, false)), s.params());
        assertEquals(s, SearchSpace.parse(s.toString()));
    }

    @Test
    void rejectsBadEntriesNamingThem() {
        assertMessage("lr=0:1:log", "search parameter lr is log-scaled with low = 0.0, accepted range for low: > 0");
        assertMessage("lr=1:0", "search parameter lr has range [1.0, 0.0], accepted: finite low <= high");
        assertMessage("lr", "search entry 'lr' has no name=");
        assertMessage("lr=1:2:lin", "search entry 'lr=1:2:lin' is malformed");
        assertMessage("lr=1:2,lr=3:4", "search space names 'lr' twice");
        assertMessage("", "search space is empty");
    }

    private static void assertMessage(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void eachNameSetsTheOutermostOptimizerThatHasIt() {
        OptimizerSpec wtlr = OptimizerSpec.parse("lookahead(wtlr(adam))");
        OptimizerSpec tuned = SearchSpace.apply(wtlr, Map.of("lr", 0.02, "beta", 0.3, "beta1", 0.8, "alpha", 0.7));
        assertEquals(OptimizerSpec.parse("lookahead(wtlr(adam(lr=0.02,beta1=0.8),beta=0.3),alpha=0.7)"), tuned);
    }

    @Test
    void aNameTheChainLacksIsRefusedListingTheNamesItHas() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.apply(OptimizerSpec.of("adam", 1e-3), Map.of("beta", 0.3)));
        assertTrue(e.getMessage().contains("'beta'") && e.getMessage().contains("beta1"), e.getMessage());
    }

}
