package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layer grouping from a block: every leaf block's parameters form one group, and different leaves differ. */
class GroupingTest {

    @Test
    void everyLeafBlockIsOneLayer() {
        SequentialBlock inner = new SequentialBlock().add(Linear.builder().setUnits(4).build())
                .add(BatchNorm.builder().build());
        SequentialBlock model = new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(Activation::relu)
                .add(inner)
                .add(LSTM.builder().setStateSize(3).setNumLayers(2).build())
                .add(Linear.builder().setUnits(2).build());
        Grouping grouping = Grouping.layer(model);
        assertEquals("layer", grouping.kind());
        List<Block> leaves = new ArrayList<>();
        leaves(model, leaves);
        Set<String> groupsSeen = new HashSet<>();
        int withParameters = 0;
        for (Block leaf : leaves) {
            Set<String> groups = new HashSet<>();
            for (Parameter p : leaf.getDirectParameters().values()) {
                groups.add(grouping.groupOf(p.getId()));
            }
            if (!groups.isEmpty()) {
                withParameters++;
                assertEquals(1, groups.size(), leaf.getClass().getSimpleName() + ": " + groups);
                groupsSeen.addAll(groups);
            }
        }
        assertEquals(5, withParameters); // 3 Linear, BatchNorm, LSTM
        assertEquals(withParameters, groupsSeen.size());
        // the layer is named by its path, as in DJL's parameter path names
        Pair<String, Parameter> first = model.getParameters().get(0);
        assertEquals("layer:01Linear", grouping.groupOf(first.getValue().getId()));
        assertNotEquals(grouping.groupOf(first.getValue().getId()), grouping.groupOf("unknown-id"));
        assertEquals("unknown-id", grouping.groupOf("unknown-id")); // an unknown parameter is a group of its own
    }

    private static void leaves(Block block, List<Block> out) {
        if (block.getChildren().isEmpty()) {
            out.add(block);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            leaves(child.getValue(), out);
        }
    }
}
