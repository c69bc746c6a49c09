package io.rlhf4j.store;

import io.rlhf4j.store.testing.TestDatabase;

import java.nio.file.Path;

class ExporterH2Test extends ExporterTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }
}
