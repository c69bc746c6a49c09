package io.rlhf4j.platform;

import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

@Tag("postgres")
class ReportPostgresTest extends ReportTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.postgres();
    }
}
