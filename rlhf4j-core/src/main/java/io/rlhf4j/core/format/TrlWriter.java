package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Comparison;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.Judgment;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.format.FormatOptions.TrlShape;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes TRL datasets in one {@link TrlShape}. Preference shapes write one line per preferred
 * comparison (pairwise judgments as they are, rankings expanded with
 * {@code RankingJudgment.toComparisons()}); SFT shapes write one prompt-completion line per
 * demonstration. Everything the chosen shape cannot express (ties, both-bad, ratings, flags,
 * multi-turn prompts in a string shape, ...) is counted by reason in {@link #skipped()}.
 */
public final class TrlWriter extends JsonlWriter {
    private final TrlShape shape;

    public TrlWriter(Path file, FormatOptions options) throws IOException {
        super(file);
        this.shape = options.trlShape();
    }

    @Override
    public void write(DatasetEntry entry) throws IOException {
        if (!(entry instanceof DatasetItem item)) {
            skipped.add("annotator: trl has no annotator records");
            return;
        }
        switch (shape) {
            case PREFERENCE_CONVERSATIONAL, PREFERENCE_STANDARD -> writePairs(item);
            case SFT_CONVERSATIONAL, SFT_STANDARD -> writeDemonstrations(item);
        }
    }

    private void writePairs(DatasetItem item) throws IOException {
        PairExport.countUnpairable(item, skipped, "trl");
        boolean standard = shape == TrlShape.PREFERENCE_STANDARD;
        for (Comparison c : item.comparisons()) {
            if (c.outcome() != Comparison.Outcome.PREFERRED) {
                skipped.add(PairExport.notPreferred(c, "trl"));
            } else if (standard && !isSingleUserTurn(item.prompt().conversation())) {
                skipped.add("comparison with a multi-turn prompt: the standard form has one prompt string (use conversational)");
            } else {
                ObjectNode line = JsonlLines.JSON.createObjectNode();
                putPrompt(line, item.prompt().conversation(), standard);
                putReply(line, "chosen", item.completion(c.chosenId()).text(), standard);
                putReply(line, "rejected", item.completion(c.rejectedId()).text(), standard);
                sink.line(JsonlLines.JSON.writeValueAsString(line));
            }
        }
    }

    private void writeDemonstrations(DatasetItem item) throws IOException {
        boolean standard = shape == TrlShape.SFT_STANDARD;
        for (Judgment j : item.judgments()) {
            if (!(j instanceof Demonstration d)) {
                skipped.add(j.kind() + ": trl SFT data holds demonstrations only");
            } else if (standard && !isSingleUserTurn(item.prompt().conversation())) {
                skipped.add("demonstration with a multi-turn prompt: the standard form has one prompt string (use conversational)");
            } else {
                ObjectNode line = JsonlLines.JSON.createObjectNode();
                putPrompt(line, item.prompt().conversation(), standard);
                putReply(line, "completion", d.text(), standard);
                sink.line(JsonlLines.JSON.writeValueAsString(line));
            }
        }
    }

    private static boolean isSingleUserTurn(Conversation c) {
        return c.turns().size() == 1 && c.last().role() == Role.USER;
    }

    private static void putPrompt(ObjectNode line, Conversation prompt, boolean standard) {
        if (standard) line.put("prompt", prompt.last().content());
        else line.set("prompt", TrlMessages.write(prompt.turns()));
    }

    private static void putReply(ObjectNode line, String field, String text, boolean standard) {
        if (standard) line.put(field, text);
        else line.set(field, TrlMessages.assistant(text));
    }
}
