package io.rlhf4j.server;

import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

@Tag("postgres")
class AdminViewPostgresTest extends AdminViewTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.postgres();
    }
}
