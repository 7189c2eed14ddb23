package org.lookaheadlab.lab.report;

import static org.junit.jupiter.api.Assertions.assertFalse;

import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's soak: a compare whose PNG write failed on a full disk printed, after its one error line, a
 * NullPointerException stack trace from ImageIO's cache-file shutdown hook. Charts are buffered in memory.
 */
class ChartFileCacheTest {

    @Test
    void chartsAreBufferedInMemoryNotInAnImageIoCacheFile() throws Exception {
        Class.forName(ChartFile.class.getName()); // its static initialiser
        assertFalse(ImageIO.getUseCache());
    }
}
