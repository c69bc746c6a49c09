package io.rlhf4j.cli;

/**
 * Keeps the pool's and Flyway's INFO lines (pool started, schema validated, ...) off the terminal
 * of store commands, whose output is meant to be read, and drops Flyway's warning that H2 2.3 is
 * newer than it has tested (the store's own test suite is that test). slf4j-simple reads these
 * properties once, when the first logger is made, so this must run before {@code Store.open}.
 * Anything set on the command line ({@code -Dorg.slf4j.simpleLogger...}) wins.
 */
final class QuietStoreLogs {
    private QuietStoreLogs() {}

    static void apply() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.flywaydb.core.internal.database.base.Database", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
