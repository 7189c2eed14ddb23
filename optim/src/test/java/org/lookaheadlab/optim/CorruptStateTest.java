package org.lookaheadlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A truncated or corrupt state stream is rejected with a clear IllegalArgumentException, and a failed load
 * changes nothing: the optimizer keeps its state (the run continues as if no load had been tried) and no array
 * is left behind.
 */
class CorruptStateTest {

    private static final Supplier<Optimizer> FACTORY = () -> Optimizers.lookahead(
            Optimizers.create("adam", Map.of("lr", 0.02)), 5, 0.5, InnerState.PULLBACK);

    @Test
    void truncatedAndCorruptStreamsFailClearlyAndChangeNothing() {
        try (Quadratic straight = new Quadratic(DataType.FLOAT64, "s-");
                Quadratic tried = new Quadratic(DataType.FLOAT64, "t-")) {
            Optimizer a = FACTORY.get();
            Optimizer b = FACTORY.get();
            for (int t = 1; t <= 7; t++) {
                straight.step(a, t);
                tried.step(b, t);
            }
            byte[] good = ((StatefulOptimizer) b).saveState(tried.nameById::get);
            NDManager system = tried.manager.getParentManager();
            int arraysBefore = system.getManagedArrays().size();

            // every truncation point fails with a clear message
            for (int cut : new int[] {0, 3, 10, good.length / 3, good.length / 2, good.length - 1}) {
                byte[] truncated = Arrays.copyOf(good, cut);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ((StatefulOptimizer) b)
                        .loadState(new ByteArrayInputStream(truncated), tried.idByName, tried.manager), "cut " + cut);
                assertTrue(e.getMessage().contains("optimizer state"), e.getMessage());
            }
            // a wrong magic
            byte[] badMagic = good.clone();
            badMagic[0] = 'X';
            IllegalArgumentException magic = assertThrows(IllegalArgumentException.class, () -> ((StatefulOptimizer) b)
                    .loadState(new ByteArrayInputStream(badMagic), tried.idByName, tried.manager));
            assertTrue(magic.getMessage().contains("expected LKST"), magic.getMessage());
            // a tensor whose byte length does not match its shape: find the first tensor length field and bump it
            byte[] badLength = good.clone();
            int at = firstTensorLengthOffset(badLength);
            ByteBuffer.wrap(badLength).putInt(at, ByteBuffer.wrap(badLength).getInt(at) - 8);
            IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> ((StatefulOptimizer) b)
                    .loadState(new ByteArrayInputStream(badLength), tried.idByName, tried.manager));
            assertTrue(length.getMessage().startsWith("corrupt optimizer state") && length.getMessage().contains("bytes"),
                    length.getMessage());

            assertEquals(arraysBefore, system.getManagedArrays().size(), "arrays left behind by failed loads");
            // nothing changed: both runs go on identically
            for (int t = 8; t <= 16; t++) {
                straight.step(a, t);
                tried.step(b, t);
            }
            for (String name : straight.params.keySet()) {
                assertArrayEquals(straight.values(name), tried.values(name), name);
            }
        }
    }

    /**
     * A wrapper's own block is fine but its inner block fails (saved over Adam, loaded over SGD): neither the
     * wrapper nor its inner optimizer changes.
     */
    @Test
    void aFailingInnerBlockLeavesTheWrapperUnchanged() {
        Supplier<Optimizer> overSgd = () -> Optimizers.trajectoryLookahead(
                Optimizers.create("sgd", Map.of("lr", 0.05, "momentum", 0.9)), 5, 2, 0.5, Points.LAST, InnerState.NONE);
        try (Quadratic source = new Quadratic(DataType.FLOAT64, "a-");
                Quadratic straight = new Quadratic(DataType.FLOAT64, "s-");
                Quadratic tried = new Quadratic(DataType.FLOAT64, "t-")) {
            Optimizer adamRun = Optimizers.trajectoryLookahead(Optimizers.create("adam", Map.of("lr", 0.02)), 5, 2, 0.5,
                    Points.LAST, InnerState.NONE);
            Optimizer a = overSgd.get();
            Optimizer b = overSgd.get();
            for (int t = 1; t <= 7; t++) {
                source.step(adamRun, t);
                straight.step(a, t);
                tried.step(b, t);
            }
            byte[] adamState = ((StatefulOptimizer) adamRun).saveState(source.nameById::get);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ((StatefulOptimizer) b)
                    .loadState(new ByteArrayInputStream(adamState), tried.idByName, tried.manager));
            assertEquals("state was saved by a Adam optimizer, cannot be loaded into a Sgd", e.getMessage());
            for (int t = 8; t <= 16; t++) {
                straight.step(a, t);
                tried.step(b, t);
            }
            for (String name : straight.params.keySet()) {
                assertArrayEquals(straight.values(name), tried.values(name), name);
            }
        }
    }

    /**
     * Offset of the byte-length field of the first tensor of the first entry of the outer block (the layout of
     * {@link org.lookaheadlab.optim.state.StateFormat}).
     */
    private static int firstTensorLengthOffset(byte[] block) {
        ByteBuffer b = ByteBuffer.wrap(block);
        int p = 4 + 4; // magic, version
        p += 2 + b.getShort(p); // kind
        p += 4; // entry count
        p += 2 + b.getShort(p); // stable name
        p += 2 + b.getShort(p); // device type
        p += 4; // device id
        p += 4; // tensor count
        p += 2 + b.getShort(p); // tensor name
        p += 2 + b.getShort(p); // dtype
        int rank = b.getInt(p);
        p += 4 + 8 * rank;
        return p;
    }
}
