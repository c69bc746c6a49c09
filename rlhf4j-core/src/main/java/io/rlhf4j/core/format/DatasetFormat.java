package io.rlhf4j.core.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The dataset file formats rlhf4j reads and writes, by the name the CLI uses ({@code --format hh-rlhf}). */
public enum DatasetFormat {
    /** Anthropic HH-RLHF: {@code {"chosen": transcript, "rejected": transcript}}. */
    HH_RLHF("hh-rlhf"),
    /** Hugging Face TRL preference (DPO/reward) and SFT datasets, string or conversational. */
    TRL("trl"),
    /** rlhf4j's own lossless JSONL: every field of the data model, versioned "rlhf4j/1". */
    NATIVE("rlhf4j");

    private final String cliName;

    DatasetFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Parses a CLI name (case-insensitive); an unknown name fails with the list of valid ones. */
    public static DatasetFormat parse(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (DatasetFormat f : values()) {
                if (f.cliName.equals(wanted)) return f;
            }
        }
        throw new IllegalArgumentException("unknown dataset format '" + name + "' (expected one of: "
                + Arrays.stream(values()).map(DatasetFormat::cliName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
