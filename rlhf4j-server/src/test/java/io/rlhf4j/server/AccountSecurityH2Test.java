package io.rlhf4j.server;

import io.rlhf4j.store.testing.TestDatabase;

import java.nio.file.Path;

class AccountSecurityH2Test extends AccountSecurityTests {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }
}
