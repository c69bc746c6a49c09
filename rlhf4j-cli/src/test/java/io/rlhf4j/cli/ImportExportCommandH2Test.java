package io.rlhf4j.cli;

import io.rlhf4j.store.testing.TestDatabase;

import java.nio.file.Path;

class ImportExportCommandH2Test extends ImportExportCommandTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }
}
