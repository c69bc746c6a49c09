package io.rlhf4j.server;

import io.rlhf4j.store.testing.TestDatabase;

import java.nio.file.Path;

class ProjectAccessH2Test extends ProjectAccessTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }
}
