package org.lookaheadlab.lab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any finite doubles and labels survive a CSV round trip bit for bit, plain or gzip. */
class DatasetCsvPropertiesTest {

    @Provide
    Arbitrary<double[][]> matrices() {
        Arbitrary<Double> values = Arbitraries.oneOf(
                Arbitraries.doubles().ofScale(20),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, 1e-310, 1e7, 1e-3, 0.1));
        return Arbitraries.integers().between(1, 6).flatMap(width ->
                values.array(double[].class).ofSize(width).array(double[][].class).ofMinSize(2).ofMaxSize(8));
    }

    @Property(tries = 60)
    void roundTripIsBitExact(@ForAll("matrices") double[][] rows, @ForAll boolean gzip) {
        int n = rows.length;
        int split = n / 2;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 5;
        }
        double[][] train = java.util.Arrays.copyOfRange(rows, 0, split);
        double[][] test = java.util.Arrays.copyOfRange(rows, split, n);
        DataSplits in = DataSplits.trainTest(
                LabeledData.flat(train, java.util.Arrays.copyOfRange(labels, 0, split), 5),
                LabeledData.flat(test, java.util.Arrays.copyOfRange(labels, split, n), 5));
        try {
            Path file = Files.createTempFile("roundtrip", gzip ? ".csv.gz" : ".csv");
            try {
                DatasetCsv.write(file, in, null);
                DataSplits out = DatasetCsv.read(file, 5);
                DatasetCsvTest.assertSame(in.train(), out.train());
                DatasetCsvTest.assertSame(in.test(), out.test());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
