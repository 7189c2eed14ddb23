package org.lookaheadlab.lab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR-10 in its binary format from a local folder (no download): {@code data_batch_1.bin} …
 * {@code data_batch_5.bin} (train) and {@code test_batch.bin} (test), either directly in the folder or in its
 * {@code cifar-10-batches-bin/} subfolder. Each record is 3073 bytes: one label byte (0–9), then 1024 red,
 * 1024 green and 1024 blue pixel bytes of a 32×32 image, row-major.
 *
 * <p>Samples have shape {@code {3, 32, 32}}; a pixel value {@code v} becomes {@code (v/255 − mean_c) / std_c}
 * with the usual CIFAR-10 channel statistics (mean 0.4914, 0.4822, 0.4465; std 0.2470, 0.2435, 0.2616).
 * Train batch files that are missing are skipped (at least one must exist); {@code test_batch.bin} is required.
 */
public final class Cifar10Reader {

    /** Bytes per record: label + 3·32·32 pixels. */
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    static final double[] MEAN = {0.4914, 0.4822, 0.4465};
    static final double[] STD = {0.2470, 0.2435, 0.2616};
    private static final long[] SAMPLE_SHAPE = {3, 32, 32};

    private Cifar10Reader() {}

    /**
     * Reads the folder; {@code limit} &gt; 0 keeps only the first {@code limit} rows of each split (for quick runs
     * on small machines: the full training set takes about 1.2 GB as doubles).
     */
    public static DataSplits read(Path folder, int limit) {
        Path dir = Files.isDirectory(folder.resolve("cifar-10-batches-bin"))
                ? folder.resolve("cifar-10-batches-bin") : folder;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("CIFAR-10 folder " + folder + " is a file, accepted: cifar10:DIR naming "
                    + "the directory of data_batch_1.bin..data_batch_5.bin and test_batch.bin");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("CIFAR-10 folder " + folder + " does not exist");
        }
        List<Path> trainFiles = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Path f = dir.resolve("data_batch_" + i + ".bin");
            if (Files.exists(f)) {
                trainFiles.add(f);
            }
        }
        Path testFile = dir.resolve("test_batch.bin");
        if (trainFiles.isEmpty() || !Files.exists(testFile)) {
            throw new IllegalArgumentException("CIFAR-10 folder " + dir
                    + " must hold data_batch_1.bin..data_batch_5.bin (at least one) and test_batch.bin");
        }
        return DataSplits.trainTest(readFiles(trainFiles, limit), readFiles(List.of(testFile), limit));
    }

    /** Reads the records of {@code files}, in order, up to {@code limit} rows (0 = all). */
    static LabeledData readFiles(List<Path> files, int limit) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        byte[] record = new byte[RECORD_BYTES];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                while (limit <= 0 || rows.size() < limit) {
                    int n = in.readNBytes(record, 0, RECORD_BYTES);
                    if (n == 0) {
                        break;
                    }
                    if (n != RECORD_BYTES) {
                        throw new IllegalArgumentException(f + " ends with a partial record of " + n
                                + " bytes; CIFAR-10 records are " + RECORD_BYTES + " bytes");
                    }
                    int label = record[0] & 0xFF;
                    if (label > 9) {
                        throw new IllegalArgumentException(
                                f + " record " + rows.size() + " has label " + label + ", accepted range [0, 9]");
                    }
                    double[] x = new double[RECORD_BYTES - 1];
                    for (int i = 0; i < x.length; i++) {
                        int channel = i / 1024;
                        x[i] = ((record[i + 1] & 0xFF) / 255.0 - MEAN[channel]) / STD[channel];
                    }
                    rows.add(x);
                    labels.add(label);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return new LabeledData(rows.toArray(double[][]::new), y, 10, SAMPLE_SHAPE.clone());
    }
}
