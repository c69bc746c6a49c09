package io.rlhf4j.store.testing;

import io.rlhf4j.store.Store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of every preference-data table, as text, sorted: two snapshots are equal exactly when
 * the tables hold the same rows. Tests use it to prove a failed import left the store as it was.
 */
public final class TableSnapshot {
    public static final List<String> TABLES = List.of("annotators", "annotator_expertise", "prompts", "completions",
            "judgments", "judgment_completions", "datasets", "dataset_prompts", "dataset_completions",
            "dataset_judgments", "dataset_annotators");

    private TableSnapshot() {}

    public static Map<String, List<String>> of(Store store) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) row.append(rs.getString(i)).append('\u0001');
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot snapshot the store: " + e.getMessage(), e);
        }
        return tables;
    }

    /** Row counts per table, for readable assertion messages. */
    public static Map<String, Integer> counts(Map<String, List<String>> snapshot) {
        Map<String, Integer> out = new LinkedHashMap<>();
        snapshot.forEach((table, rows) -> out.put(table, rows.size()));
        return out;
    }
}
