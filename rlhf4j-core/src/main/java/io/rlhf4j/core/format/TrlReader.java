package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.DatasetEntry;
import io.rlhf4j.core.data.DatasetItem;
import io.rlhf4j.core.data.Demonstration;
import io.rlhf4j.core.data.Ids;
import io.rlhf4j.core.data.JudgmentMeta;
import io.rlhf4j.core.data.Prompt;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.Turn;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Reads TRL datasets, deciding the type per line from its keys as TRL does:
 * <ul>
 *   <li>preference, {@code chosen}+{@code rejected}: standard (strings, with {@code prompt}),
 *       conversational (message lists after a {@code prompt} list), or implicit-prompt conversational
 *       (no {@code prompt}; chosen and rejected are whole conversations sharing all but the last
 *       message) -> a prompt, two completions and a pairwise judgment "chosen (A) wins";</li>
 *   <li>SFT prompt-completion, {@code prompt}+{@code completion} (string or conversational), and
 *       conversational language modelling, {@code messages} ending in an assistant message ->
 *       a prompt and a {@link Demonstration}.</li>
 * </ul>
 * Missing facts are fixed as for hh-rlhf (strength 1, annotator {@link #ANNOTATOR}, createdAt
 * EPOCH, ids derived from file name and line) so re-imports are identical. Other keys (e.g. TRL's
 * {@code score_chosen}) are ignored. Plain {@code text} (no prompt/response split) and the
 * implicit-prompt string form (no prompt at all) cannot become a prompt and are errors.
 */
public final class TrlReader extends JsonlReader {
    public static final String ANNOTATOR = "import";
    public static final int STRENGTH = 1;

    public TrlReader(Path file, FormatOptions options) throws IOException {
        super(file, options, stem(file.getFileName().toString()));
    }

    /** "pairs.jsonl.gz" -> "pairs": the default dataset name. */
    static String stem(String fileName) {
        String s = fileName;
        for (String ext : new String[] {".gz", ".jsonl", ".json"}) {
            if (s.endsWith(ext) && s.length() > ext.length()) s = s.substring(0, s.length() - ext.length());
        }
        return s;
    }

    @Override
    public DatasetEntry next() throws IOException {
        ObjectNode json = lines.next();
        if (json == null) return null;
        Where where = lines.where();
        if (json.has("chosen") || json.has("rejected")) return preference(json, where);
        if (json.has("completion")) return promptCompletion(json, where);
        if (json.has("messages")) return messages(json, where);
        if (json.has("text")) {
            throw where.fail("text", "language-modelling text has no prompt/response split; use prompt+completion or messages");
        }
        throw where.fail("chosen", "missing (a trl line needs chosen+rejected, prompt+completion or messages)");
    }

    private DatasetItem preference(ObjectNode json, Where where) {
        where.required(json, "chosen", "chosen");
        where.required(json, "rejected", "rejected");
        JsonNode prompt = json.get("prompt");
        if (prompt == null || prompt.isNull()) return implicitPreference(json, where);
        if (prompt.isTextual()) {
            return pair(where, List.of(Turn.user(prompt.textValue())),
                    where.text(json, "chosen", "chosen"), where.text(json, "rejected", "rejected"));
        }
        if (prompt.isArray()) {
            List<Turn> turns = TrlMessages.read((ArrayNode) prompt, "prompt", where);
            return pair(where, turns, TrlMessages.reply(where.array(json, "chosen", "chosen"), "chosen", where),
                    TrlMessages.reply(where.array(json, "rejected", "rejected"), "rejected", where));
        }
        throw where.fail("prompt", "expected a string or an array of messages, found " + Where.kind(prompt));
    }

    /** No prompt key: chosen and rejected are whole conversations; the prompt is all but their last message. */
    private DatasetItem implicitPreference(ObjectNode json, Where where) {
        if (json.get("chosen").isTextual()) {
            throw where.fail("prompt", "missing: the implicit-prompt string form carries no prompt to import");
        }
        List<Turn> chosen = TrlMessages.read(where.array(json, "chosen", "chosen"), "chosen", where);
        List<Turn> rejected = TrlMessages.read(where.array(json, "rejected", "rejected"), "rejected", where);
        String chosenReply = lastAssistant(chosen, "chosen", where);
        String rejectedReply = lastAssistant(rejected, "rejected", where);
        List<Turn> prompt = chosen.subList(0, chosen.size() - 1);
        if (!prompt.equals(rejected.subList(0, rejected.size() - 1))) {
            throw where.fail("rejected", "implicit prompt: chosen and rejected differ before their last message");
        }
        return pair(where, prompt, chosenReply, rejectedReply);
    }

    private DatasetItem pair(Where where, List<Turn> turns, String chosen, String rejected) {
        if (chosen.equals(rejected)) throw where.fail("rejected", "identical to chosen: there is no preference to import");
        return where.build("prompt", () -> chosenBeatsRejected(where, Prompt.of(new Conversation(turns), domain), chosen,
                rejected, ANNOTATOR, STRENGTH));
    }

    private DatasetItem promptCompletion(ObjectNode json, Where where) {
        JsonNode prompt = where.required(json, "prompt", "prompt");
        if (prompt.isTextual()) {
            return demonstration(where, List.of(Turn.user(prompt.textValue())), where.text(json, "completion", "completion"));
        }
        if (prompt.isArray()) {
            List<Turn> turns = TrlMessages.read((ArrayNode) prompt, "prompt", where);
            return demonstration(where, turns, TrlMessages.reply(where.array(json, "completion", "completion"), "completion", where));
        }
        throw where.fail("prompt", "expected a string or an array of messages, found " + Where.kind(prompt));
    }

    private DatasetItem messages(ObjectNode json, Where where) {
        List<Turn> turns = TrlMessages.read(where.array(json, "messages", "messages"), "messages", where);
        String reply = lastAssistant(turns, "messages", where);
        return demonstration(where, turns.subList(0, turns.size() - 1), reply);
    }

    private DatasetItem demonstration(Where where, List<Turn> turns, String text) {
        return where.build("completion", () -> {
            Prompt prompt = Prompt.of(new Conversation(turns), domain);
            var demo = new Demonstration(Ids.derived("d", fileName, Long.toString(where.line())), prompt.id(), text, null,
                    JudgmentMeta.of(ANNOTATOR, Instant.EPOCH));
            return new DatasetItem(prompt, List.of(), List.of(demo));
        });
    }

    private static String lastAssistant(List<Turn> turns, String field, Where where) {
        Turn last = turns.get(turns.size() - 1);
        if (last.role() != Role.ASSISTANT) {
            throw where.fail(field, "the last message must be the assistant's, is " + last.role().wireName());
        }
        if (turns.size() < 2) throw where.fail(field, "needs at least one message before the assistant's reply");
        return last.content();
    }
}
