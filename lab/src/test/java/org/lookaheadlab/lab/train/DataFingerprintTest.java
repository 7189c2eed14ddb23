package org.lookaheadlab.lab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;

/**
 * The data fingerprint of a checkpoint. The CRC32 values are independent references from Python's
 * {@code zlib.crc32} over the documented byte layout, e.g. {@code zlib.crc32(struct.pack('>dd', 1.0, 2.0))}.
 */
class DataFingerprintTest {

    private static LabeledData rows(double[] values, int[] labels, int classes) {
        double[][] x = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            x[i] = new double[] {values[i]};
        }
        return LabeledData.flat(x, labels, classes);
    }

    @Test
    void crcsCoverTheBigEndianFeaturesAndLabelsOfEverySplitInOrder() {
        DataSplits trainTest = DataSplits.trainTest(rows(new double[] {1.0}, new int[] {0}, 2),
                rows(new double[] {2.0}, new int[] {1}, 2));
        DataFingerprint f = DataFingerprint.of(trainTest);
        assertEquals(0xf20f8176L, f.featuresCrc()); // zlib.crc32(struct.pack('>dd', 1.0, 2.0))
        assertEquals(0x1225efffL, f.labelsCrc()); // zlib.crc32(struct.pack('>ii', 0, 1))
        assertEquals(List.of(1, 0, 1, 2), List.of(f.trainSize(), f.validationSize(), f.testSize(), f.numClasses()));

        DataSplits withValidation = new DataSplits(rows(new double[] {1.0}, new int[] {0}, 2),
                rows(new double[] {2.0}, new int[] {1}, 2), rows(new double[] {-0.5}, new int[] {1}, 2));
        DataFingerprint g = DataFingerprint.of(withValidation);
        assertEquals(0xeea875ccL, g.featuresCrc()); // zlib.crc32(struct.pack('>ddd', 1.0, 2.0, -0.5))
        assertEquals(0x31b2df49L, g.labelsCrc()); // zlib.crc32(struct.pack('>iii', 0, 1, 1))
        assertEquals(1, g.validationSize());
    }

    @Test
    void differencesNameEachFieldWithTheCheckpointAndTheCurrentValue() {
        DataFingerprint a = new DataFingerprint(100, 0, 20, new long[] {40}, 10, 0xabcL, 0x1L);
        DataFingerprint b = new DataFingerprint(100, 10, 20, new long[] {1, 40}, 10, 0xabcL, 0x2L);
        assertEquals(List.of(), a.differences(new DataFingerprint(100, 0, 20, new long[] {40}, 10, 0xabcL, 0x1L)));
        assertEquals(List.of("validation size 0 (now 10)", "sample shape [40] (now [1, 40])",
                "labels CRC32 00000001 (now 00000002)"), a.differences(b));
    }
}
