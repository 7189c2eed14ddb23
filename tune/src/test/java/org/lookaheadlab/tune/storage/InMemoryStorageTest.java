package org.lookaheadlab.tune.storage;

/** The storage contract for {@link InMemoryStorage}. */
class InMemoryStorageTest extends StorageConformanceTest {

    @Override
    protected Storage openStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected Storage openSecondView() {
        return storage;
    }
}
