package io.rlhf4j.sim;

import io.rlhf4j.store.testing.TestDatabase;

import java.nio.file.Path;

class SimulatedPanelH2Test extends SimulatedPanelTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }
}
