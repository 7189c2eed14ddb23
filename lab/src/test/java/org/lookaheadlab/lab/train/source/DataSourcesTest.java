package org.lookaheadlab.lab.train.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lookaheadlab.lab.data.DataSplits;
import org.lookaheadlab.lab.data.Mnist1dConfig;

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

    @Test
    void unknownSourcesAndMalformedArgumentsAreRejected() {
        assertEquals("data 'imagenet' is unknown, accepted: mnist1d[:num-samples=N,...], cifar10:DIR[:limit=N], "
                + "csv:PATH", assertThrows(IllegalArgumentException.class, () -> DataSources.load("imagenet"))
                .getMessage());
        assertEquals("mnist1d argument 'num-samples' is not key=value, accepted form: mnist1d:num-samples=N,seed=S",
                assertThrows(IllegalArgumentException.class, () -> DataSources.load("mnist1d:num-samples"))
                        .getMessage());
        assertEquals("cifar10 limit is 0, accepted range: >= 1", assertThrows(IllegalArgumentException.class,
                () -> DataSources.load("cifar10:/tmp:limit=0")).getMessage());
    }
}
