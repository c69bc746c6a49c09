package io.rlhf4j.store;

import io.rlhf4j.core.data.DatasetItem;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One open transaction: its connection and the repositories bound to it. Valid only inside the
 * {@link Store#transaction} call that created it; everything done through it commits or rolls
 * back together. Other modules' DAOs (the annotation platform) take {@link #connection()} so their
 * writes join the same transaction.
 */
public final class Tx {
    private final Connection connection;
    private PromptRepository prompts;
    private CompletionRepository completions;
    private JudgmentRepository judgments;
    private AnnotatorRepository annotators;
    private DatasetRepository datasets;

    Tx(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    public PromptRepository prompts() {
        if (prompts == null) prompts = new PromptRepository(connection);
        return prompts;
    }

    public CompletionRepository completions() {
        if (completions == null) completions = new CompletionRepository(connection);
        return completions;
    }

    public JudgmentRepository judgments() {
        if (judgments == null) judgments = new JudgmentRepository(connection);
        return judgments;
    }

    public AnnotatorRepository annotators() {
        if (annotators == null) annotators = new AnnotatorRepository(connection);
        return annotators;
    }

    /**
     * Saves a prompt with its completions and judgments (creating bare annotators for ids not yet
     * stored), skipping rows already present. The simulator and the server use this to record a
     * finished task in one call.
     */
    public SaveCounts saveItem(DatasetItem item) throws SQLException {
        return ItemBatch.save(this, List.of(item));
    }

    /** As {@link #saveItem}, for many items in one JDBC batch per table. */
    public SaveCounts saveItems(List<DatasetItem> items) throws SQLException {
        return ItemBatch.save(this, items);
    }

    public DatasetRepository datasets() {
        if (datasets == null) datasets = new DatasetRepository(connection);
        return datasets;
    }
}
