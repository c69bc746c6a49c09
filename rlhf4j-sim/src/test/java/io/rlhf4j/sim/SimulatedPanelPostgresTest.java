package io.rlhf4j.sim;

import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

@Tag("postgres")
class SimulatedPanelPostgresTest extends SimulatedPanelTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.postgres();
    }
}
