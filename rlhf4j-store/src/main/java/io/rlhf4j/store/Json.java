package io.rlhf4j.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.core.data.Conversation;
import io.rlhf4j.core.data.Role;
import io.rlhf4j.core.data.SamplingSettings;
import io.rlhf4j.core.data.Turn;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON text kept in TEXT columns: conversations, sampling settings, judgment payloads. Field
 * names are snake_case like the native file format, so a person reading the table sees the same
 * words as in a dataset file.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static JsonNode read(String text, String where) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt JSON in " + where + ": " + e.getOriginalMessage(), e);
        }
    }

    static String conversation(Conversation conversation) {
        ArrayNode turns = array();
        for (Turn t : conversation.turns()) {
            turns.addObject().put("role", t.role().wireName()).put("content", t.content());
        }
        return write(turns);
    }

    static Conversation conversation(String json, String where) {
        List<Turn> turns = new ArrayList<>();
        for (JsonNode t : read(json, where)) {
            turns.add(new Turn(Role.parse(t.get("role").asText()), t.get("content").asText()));
        }
        return new Conversation(turns);
    }

    static String sampling(SamplingSettings s) {
        ObjectNode o = object();
        if (s.temperature() != null) o.put("temperature", s.temperature());
        if (s.topK() != null) o.put("top_k", s.topK());
        if (s.topP() != null) o.put("top_p", s.topP());
        if (s.maxNewTokens() != null) o.put("max_new_tokens", s.maxNewTokens());
        if (s.seed() != null) o.put("seed", s.seed());
        return write(o);
    }

    static SamplingSettings sampling(String json, String where) {
        JsonNode o = read(json, where);
        return new SamplingSettings(
                o.hasNonNull("temperature") ? o.get("temperature").doubleValue() : null,
                o.hasNonNull("top_k") ? o.get("top_k").intValue() : null,
                o.hasNonNull("top_p") ? o.get("top_p").doubleValue() : null,
                o.hasNonNull("max_new_tokens") ? o.get("max_new_tokens").intValue() : null,
                o.hasNonNull("seed") ? o.get("seed").longValue() : null);
    }
}
