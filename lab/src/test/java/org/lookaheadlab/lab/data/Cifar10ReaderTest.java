package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a tiny synthetic file in the CIFAR-10 binary format. */
public class Cifar10ReaderTest {

    /** Writes {@code n} records; record i has label i % 10 and pixel j = (i + j) mod 256. */
    public static void writeBatch(Path file, int n) throws IOException {
        byte[] bytes = new byte[n * Cifar10Reader.RECORD_BYTES];
        for (int i = 0; i < n; i++) {
            int base = i * Cifar10Reader.RECORD_BYTES;
            bytes[base] = (byte) (i % 10);
            for (int j = 0; j < 3072; j++) {
                bytes[base + 1 + j] = (byte) ((i + j) % 256);
            }
        }
        Files.write(file, bytes);
    }

    @Test
    void readsLabelsAndNormalisedChannelMajorPixels(@TempDir Path dir) throws IOException {
        writeBatch(dir.resolve("data_batch_1.bin"), 6);
        writeBatch(dir.resolve("data_batch_2.bin"), 2);
        writeBatch(dir.resolve("test_batch.bin"), 3);
        DataSplits s = Cifar10Reader.read(dir, 0);
        assertEquals(8, s.train().size());
        assertEquals(3, s.test().size());
        assertArrayEquals(new long[] {3, 32, 32}, s.train().sampleShape());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 0, 1}, s.train().labels());
        // record 2 of batch 1, pixel 1500 (green channel): byte (2 + 1500) mod 256 = 222
        assertEquals((222 / 255.0 - 0.4822) / 0.2435, s.train().features()[2][1500], 1e-12);
        // red channel pixel 0 of record 0: byte 0
        assertEquals((0 - 0.4914) / 0.2470, s.train().features()[0][0], 1e-12);
        assertEquals(5, Cifar10Reader.read(dir, 5).train().size());
    }

    @Test
    void rejectsAPartialRecordAndAMissingFolder(@TempDir Path dir) throws IOException {
        writeBatch(dir.resolve("data_batch_1.bin"), 2);
        Files.write(dir.resolve("test_batch.bin"), new byte[100]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cifar10Reader.read(dir, 0));
        assertEquals(dir.resolve("test_batch.bin") + " ends with a partial record of 100 bytes; CIFAR-10 records "
                + "are 3073 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cifar10Reader.read(dir.resolve("missing"), 0));
    }
}
