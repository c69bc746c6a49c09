package io.rlhf4j.store;

import io.rlhf4j.store.testing.TestDatabase;

import java.nio.file.Path;

class RepositoryH2Test extends RepositoryTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }
}
