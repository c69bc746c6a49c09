package io.rlhf4j.platform;

import io.rlhf4j.store.testing.TestDatabase;

import java.nio.file.Path;

class TaskServiceH2Test extends TaskServiceTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }
}
