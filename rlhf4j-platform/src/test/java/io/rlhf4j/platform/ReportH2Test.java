package io.rlhf4j.platform;

import io.rlhf4j.store.testing.TestDatabase;

import java.nio.file.Path;

class ReportH2Test extends ReportTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }
}
