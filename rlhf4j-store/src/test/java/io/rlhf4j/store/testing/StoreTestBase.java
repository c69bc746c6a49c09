package io.rlhf4j.store.testing;

import io.rlhf4j.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Base of every store-backed test suite: each test gets its own empty, migrated database in
 * {@link #store}. Write the tests once in an abstract subclass, then run them on both databases
 * with two tiny concrete classes: one returning {@link TestDatabase#h2}, one tagged
 * {@code @Tag("postgres")} returning {@link TestDatabase#postgres()}.
 */
public abstract class StoreTestBase {
    @TempDir
    protected Path tempDir;
    protected TestDatabase database;
    protected Store store;

    /** The kind of database this suite runs on. */
    protected abstract TestDatabase createDatabase(Path tempDir);

    @BeforeEach
    void openStore() {
        database = createDatabase(tempDir);
        store = database.open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
        if (database != null) database.close();
    }

    /** A second, separate database of the same kind (e.g. the target of an export/import round trip). */
    protected TestDatabase anotherDatabase() {
        return createDatabase(tempDir);
    }
}
