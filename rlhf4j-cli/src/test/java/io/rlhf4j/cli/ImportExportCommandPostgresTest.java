package io.rlhf4j.cli;

import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

@Tag("postgres")
class ImportExportCommandPostgresTest extends ImportExportCommandTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.postgres();
    }
}
