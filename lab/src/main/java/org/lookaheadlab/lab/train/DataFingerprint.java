package org.lookaheadlab.lab.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.LabeledData;

/**
 * What a checkpoint records about the data it was trained on, so that a resume on other data is refused: the
 * split sizes (validation 0 when there is none), the sample shape and the number of classes of the training split,
 * and a CRC32 of the features and one of the labels. The feature CRC covers every value of the train, validation
 * and test splits in that order, each as its 8 big-endian IEEE-754 bytes; the label CRC covers every label as 4
 * big-endian bytes, in the same order. One pass over the data, computed once per run (only when checkpointing).
 *
 * @param trainSize rows of the training split
 * @param validationSize rows of the validation split, 0 when there is none
 * @param testSize rows of the test split
 * @param sampleShape shape of one sample
 * @param numClasses number of classes
 * @param featuresCrc CRC32 of the features of all splits
 * @param labelsCrc CRC32 of the labels of all splits
 */
record DataFingerprint(int trainSize, int validationSize, int testSize, long[] sampleShape, int numClasses,
        long featuresCrc, long labelsCrc) {

    DataFingerprint {
        sampleShape = sampleShape.clone();
    }

    /** The fingerprint of {@code data}. */
    static DataFingerprint of(DataSplits data) {
        CRC32 features = new CRC32();
        CRC32 labels = new CRC32();
        int width = splits(data).stream().mapToInt(LabeledData::sampleSize).max().orElse(0);
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(8, width * 8)).order(ByteOrder.BIG_ENDIAN);
        for (LabeledData split : splits(data)) {
            for (double[] row : split.features()) {
                buffer.clear();
                buffer.asDoubleBuffer().put(row);
                buffer.limit(row.length * 8);
                features.update(buffer);
            }
            ByteBuffer y = ByteBuffer.allocate(split.size() * 4).order(ByteOrder.BIG_ENDIAN);
            y.asIntBuffer().put(split.labels());
            labels.update(y);
        }
        LabeledData train = data.train();
        return new DataFingerprint(train.size(), data.hasValidation() ? data.validation().size() : 0,
                data.test().size(), train.sampleShape(), train.numClasses(), features.getValue(), labels.getValue());
    }

    private static List<LabeledData> splits(DataSplits data) {
        List<LabeledData> splits = new ArrayList<>(3);
        splits.add(data.train());
        if (data.hasValidation()) {
            splits.add(data.validation());
        }
        splits.add(data.test());
        return splits;
    }

    /**
     * The fields in which {@code now} differs from this (the checkpoint's) fingerprint, each as
     * {@code "<field> <checkpoint value> (now <value>)"}; empty when the data are the same.
     */
    List<String> differences(DataFingerprint now) {
        List<String> d = new ArrayList<>();
        differ(d, "train size", trainSize, now.trainSize);
        differ(d, "validation size", validationSize, now.validationSize);
        differ(d, "test size", testSize, now.testSize);
        differ(d, "sample shape", Arrays.toString(sampleShape), Arrays.toString(now.sampleShape));
        differ(d, "classes", numClasses, now.numClasses);
        differ(d, "features CRC32", hex(featuresCrc), hex(now.featuresCrc));
        differ(d, "labels CRC32", hex(labelsCrc), hex(now.labelsCrc));
        return d;
    }

    private static void differ(List<String> d, String field, Object checkpoint, Object now) {
        if (!checkpoint.equals(now)) {
            d.add(field + " " + checkpoint + " (now " + now + ")");
        }
    }

    private static String hex(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(trainSize);
        out.writeInt(validationSize);
        out.writeInt(testSize);
        out.writeInt(sampleShape.length);
        for (long dim : sampleShape) {
            out.writeLong(dim);
        }
        out.writeInt(numClasses);
        out.writeLong(featuresCrc);
        out.writeLong(labelsCrc);
    }

    static DataFingerprint read(DataInputStream in) throws IOException {
        int train = in.readInt();
        int validation = in.readInt();
        int test = in.readInt();
        long[] shape = new long[in.readInt()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
        }
        return new DataFingerprint(train, validation, test, shape, in.readInt(), in.readLong(), in.readLong());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataFingerprint f && differences(f).isEmpty();
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {trainSize, validationSize, testSize, Arrays.hashCode(sampleShape),
            numClasses, featuresCrc, labelsCrc});
    }

    @Override
    public String toString() {
        return "train=" + trainSize + " validation=" + validationSize + " test=" + testSize + " shape="
                + Arrays.toString(sampleShape) + " classes=" + numClasses + " features=" + hex(featuresCrc)
                + " labels=" + hex(labelsCrc);
    }
}
