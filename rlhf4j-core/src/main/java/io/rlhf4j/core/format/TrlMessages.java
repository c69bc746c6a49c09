package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.Turn;

import java.util.ArrayList;
import java.util.List;

/** TRL's conversational messages ({@code [{"role": ..., "content": ...}]}) to and from turns. */
final class TrlMessages {
    private TrlMessages() {}

    static List<Turn> read(ArrayNode messages, String field, Where where) {
        List<Turn> turns = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String path = field + "[" + i + "]";
            ObjectNode m = where.asObject(messages.get(i), path);
            Role role = where.parsed(path + ".role", where.text(m, "role", path + ".role"), Role::parse);
            turns.add(new Turn(role, where.text(m, "content", path + ".content")));
        }
        if (turns.isEmpty()) throw where.fail(field, "must not be empty");
        return turns;
    }

    /** The single assistant message of an explicit-prompt chosen/rejected/completion list. */
    static String reply(ArrayNode messages, String field, Where where) {
        List<Turn> turns = read(messages, field, where);
        if (turns.size() != 1 || turns.get(0).role() != Role.ASSISTANT) {
            throw where.fail(field, "expected exactly one assistant message after an explicit prompt, found "
                    + turns.stream().map(t -> t.role().wireName()).toList());
        }
        return turns.get(0).content();
    }

    static ArrayNode write(List<Turn> turns) {
        ArrayNode array = JsonlLines.JSON.createArrayNode();
        for (Turn t : turns) add(array, t.role(), t.content());
        return array;
    }

    static ArrayNode assistant(String content) {
        ArrayNode array = JsonlLines.JSON.createArrayNode();
        add(array, Role.ASSISTANT, content);
        return array;
    }

    private static void add(ArrayNode array, Role role, String content) {
        array.addObject().put("role", role.wireName()).put("content", content);
    }

    static boolean isArray(JsonNode node) {
        return node != null && node.isArray();
    }
}
