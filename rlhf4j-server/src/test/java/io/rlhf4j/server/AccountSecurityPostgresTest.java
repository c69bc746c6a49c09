package io.rlhf4j.server;

import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Tag;

import java.nio.file.Path;

@Tag("postgres")
class AccountSecurityPostgresTest extends AccountSecurityTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.postgres();
    }
}
