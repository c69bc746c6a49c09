package io.rlhf4j.cli;

import io.rlhf4j.core.format.DatasetFormat;
import io.rlhf4j.core.format.DatasetReader;
import io.rlhf4j.core.format.Formats;
import io.rlhf4j.model.chat.ChatTemplate;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.StoredItems;
import io.rlhf4j.train.lineage.Lineage;
import io.rlhf4j.train.reward.PreferenceData;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where {@code train reward} and {@code train dpo} read preferences from: a dataset file in one of
 * the foundation formats ({@code --data FILE --format hh-rlhf|trl|rlhf4j}) or the store
 * ({@code --db URL}, optionally {@code --dataset NAME}); pairwise and ranking judgments only.
 */
final class PreferenceInput {
    @Option(names = "--data", paramLabel = "FILE", description = "Preference file (JSONL or .gz). Without it, the store is read.")
    Path data;

    @Option(names = "--format", defaultValue = "rlhf4j", description = "Format of --data: hh-rlhf, trl or rlhf4j. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--dataset", paramLabel = "NAME", description = "Read only this stored dataset (default: the whole store).")
    String dataset;

    @Mixin
    DbOption db;

    @Option(names = "--template", defaultValue = "auto", description = "Chat template: auto, chatml, role, plain. Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--held-out-fraction", defaultValue = "0.1",
            description = "Share of judgments held out for evaluation (split by judgment, seeded). Default: ${DEFAULT-VALUE}.")
    double heldOutFraction;

    /** The encoded comparisons and the lineage entry naming their source with a content hash. */
    record Loaded(PreferenceData data, Lineage.DatasetRef ref, String description) {}

    Loaded read(ChatTemplate chat) throws Exception {
        PreferenceData out = new PreferenceData(chat);
        if (data != null) {
            DatasetFormat parsed = DatasetFormat.parse(format);
            // every line parsed first (a second or two): a bad line is reported before the long tokenising pass
            long entries = 0;
            try (DatasetReader check = Formats.open(parsed, data)) {
                while (check.next() != null) entries++;
            }
            if (entries == 0) throw new IllegalArgumentException(data + ": no records");
            try (DatasetReader reader = Formats.open(parsed, data)) {
                out.addAll(reader);
                if (reader.duplicates().count() > 0) System.err.println(data + ": " + reader.duplicates().describe());
            }
            requireComparisons(out, data.toString());
            // the file's own hash identifies it; records = comparisons used
            return new Loaded(out, Lineage.DatasetRef.of(data, out.examples().size()), data.toString());
        }
        QuietStoreLogs.apply();
        String url = db.jdbcUrl();
        try (Store store = Store.open(url)) {
            store.transaction(tx -> StoredItems.forEach(tx, dataset, Set.of("pairwise", "ranking"), out::add));
        }
        String where = url + (dataset == null ? "" : " dataset " + dataset);
        requireComparisons(out, where);
        // a database has no file hash: hash exactly the comparisons read, so a later reader can tell if they changed
        return new Loaded(out, new Lineage.DatasetRef(where, out.contentSha256(), out.examples().size()), where);
    }

    private static void requireComparisons(PreferenceData d, String where) {
        if (d.examples().isEmpty()) {
            throw new IllegalArgumentException(where + ": no pairwise or ranking judgments (" + d.items() + " items read)");
        }
    }
}
