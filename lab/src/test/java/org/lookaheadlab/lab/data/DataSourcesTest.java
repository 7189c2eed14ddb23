package org.lookaheadlab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of the {@code --data} argument. */
class DataSourcesTest {

    @Test
    void mnist1dArgumentsUseTheGeneratorNamesWithDashesOrUnderscores() {
        Mnist1dConfig c = DataSources.mnist1dConfig("num-samples=400,seed=7,train_split=0.5,shuffle-seq=true");
        assertEquals(Mnist1dConfig.builder().numSamples(400).seed(7).trainSplit(0.5).shuffleSeq(true).build(), c);
        assertEquals(Mnist1dConfig.defaults(), DataSources.mnist1dConfig(""));
    }

    @Test
    void loadsAGeneratedMnist1dOfTheRequestedSize() {
        DataSplits s = DataSources.load("mnist1d:num-samples=400");
        assertEquals(320, s.train().size());
        assertEquals(80, s.test().size());
        assertEquals(10, s.train().numClasses());
    }

    /** A folder of .npy files under the mnist1d key names: x (N×2 float64), y (int64), x_test, y_test. */
    @Test
    void loadsNumpyArraysFromAFolder(@TempDir Path dir) throws IOException {
        NpyFiles.float64(dir.resolve("x.npy"), "(3, 2)", 0.5, -1, 2, 3, 4.25, 5);
        NpyFiles.int64(dir.resolve("y.npy"), 2, 0, 1);
        Files.write(dir.resolve("x_test.npy"), NpyFiles.npy("<f4", "(1, 2)", 4, b -> b.putFloat(7).putFloat(-8)));
        NpyFiles.int64(dir.resolve("y_test.npy"), 1);
        DataSplits s = DataSources.load("npy:" + dir);
        assertArrayEquals(new double[] {4.25, 5}, s.train().features()[2]);
        assertArrayEquals(new int[] {2, 0, 1}, s.train().labels());
        assertArrayEquals(new double[] {7, -8}, s.test().features()[0]);
        assertEquals(3, s.test().numClasses());
        assertFalse(s.hasValidation());

        Files.delete(dir.resolve("y_test.npy"));
        String message = assertThrows(IllegalArgumentException.class, () -> DataSources.load("npy:" + dir))
                .getMessage();
        assertTrue(message.startsWith(dir + ": missing y_test.npy"), message);
        assertEquals("data folder /no/such/dir does not exist",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("npy:/no/such/dir")).getMessage());
    }

    @Test
    void numClassesAppliesToFileSourcesOnly(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "split,label,x0\ntrain,0,0.5\ntrain,1,0.5\ntest,12,1\n");
        assertEquals(csv + ": line 4: column 2 (label): 12 is outside the class range [0, 3) inferred from the data "
                + "(3 distinct labels, but no row has label 2); give --num-classes N if some classes have no rows",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("csv:" + csv)).getMessage());
        assertEquals(csv + ": line 4: column 2 (label): 12 is outside the accepted range [0, 10)",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("csv:" + csv, 10)).getMessage());
        assertEquals(20, DataSources.load("csv:" + csv, 20).test().numClasses());
        assertEquals("--num-classes is given but mnist1d data has its own 10 classes, accepted: --num-classes with "
                + "csv:PATH or npy:DIR data", assertThrows(IllegalArgumentException.class,
                        () -> DataSources.load("mnist1d:num-samples=100", 10)).getMessage());
        assertEquals("--num-classes is 0, accepted range: >= 1", assertThrows(IllegalArgumentException.class,
                () -> DataSources.load("csv:" + csv, 0)).getMessage());
    }

    /** Issue 16: the messages say num-samples, as the flags do, whichever spelling was given. */
    @Test
    void mnist1dArgumentErrorsUseTheFlagSpelling() {
        for (String key : new String[] {"num-samples", "num_samples"}) {
            assertEquals("num-samples must be in [10, 2147483647], got 5", assertThrows(IllegalArgumentException.class,
                    () -> DataSources.load("mnist1d:" + key + "=5")).getMessage());
        }
        assertEquals("train-split must be a number, got x", assertThrows(IllegalArgumentException.class,
                () -> DataSources.load("mnist1d:train-split=x")).getMessage());
        assertEquals("num-samples must be an integer, got 10.5", assertThrows(IllegalArgumentException.class,
                () -> DataSources.load("mnist1d:num-samples=10.5")).getMessage());
        assertEquals("unknown mnist1d argument 'num-sample'; accepted: num-samples, train-split, template-len, padding, "
                + "scale-coeff, max-translation, corr-noise-scale, iid-noise-scale, shear-scale, shuffle-seq, "
                + "final-seq-length, seed, url", assertThrows(IllegalArgumentException.class,
                        () -> DataSources.load("mnist1d:num_sample=100")).getMessage());
    }

    @Test
    void unknownSourcesAndMalformedArgumentsAreRejected() {
        assertEquals("data 'imagenet' is unknown, accepted: mnist1d[:num-samples=N,...], cifar10:DIR[:limit=N], "
                + "csv:PATH, npy:DIR, nqm[:dim=D,train=N,test=M,seed=S]", assertThrows(IllegalArgumentException.class,
                        () -> DataSources.load("imagenet")).getMessage());
        assertEquals("nqm argument 'size=3' is unknown, accepted form: nqm:dim=D,train=N,test=M,seed=S",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("nqm:size=3")).getMessage());
        assertEquals("nqm dim is 0, accepted range: integers >= 1",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("nqm:dim=0")).getMessage());
        assertEquals("mnist1d argument 'num-samples' is not key=value, accepted form: mnist1d:num-samples=N,seed=S",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("mnist1d:num-samples"))
                        .getMessage());
        assertEquals("cifar10 limit is 0, accepted range: >= 1", assertThrows(IllegalArgumentException.class,
                () -> DataSources.load("cifar10:/tmp:limit=0")).getMessage());
    }
}
