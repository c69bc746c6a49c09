package io.rlhf4j.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies: enforces the size limit before reading (413), parses JSON (400 with line and
 * column when malformed) and offers field accessors whose errors name the field.
 */
final class JsonBody {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBody() {}

    static JsonNode read(Context ctx, long maxBytes) {
        requireJson(ctx);
        long declared = ctx.contentLength();
        if (declared > maxBytes) throw tooLarge(maxBytes);
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > maxBytes) throw tooLarge(maxBytes);
        if (bytes.length == 0) throw ApiError.badRequest("body", "a JSON object is required");
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) throw ApiError.badRequest("body", "must be a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiError.badRequest("body", "malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("body", "unreadable: " + e.getMessage());
        }
    }

    /**
     * JSON routes accept only {@code Content-Type: application/json}. A cross-site HTML form can send
     * text/plain, urlencoded or multipart bodies without the browser asking first, and a lenient
     * parser would read JSON-looking text from them (login CSRF); application/json it cannot send.
     */
    static void requireJson(Context ctx) {
        String type = ctx.contentType();
        String bare = type == null ? "" : type.split(";", 2)[0].trim();
        if (!bare.equalsIgnoreCase("application/json")) {
            throw new ApiError(415, "Content-Type", "Content-Type must be application/json" + (type == null ? "" : ", not " + bare));
        }
    }

    static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "body", "body: larger than the " + maxBytes + "-byte limit");
    }

    static String text(JsonNode n, String field, int maxLength) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw ApiError.badRequest(field, "is required");
        if (!v.isTextual()) throw ApiError.badRequest(field, "must be a string");
        if (v.asText().length() > maxLength) throw ApiError.badRequest(field, "must be at most " + maxLength + " characters");
        return v.asText();
    }

    static String optionalText(JsonNode n, String field, int maxLength) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : text(n, field, maxLength);
    }

    static int integer(JsonNode n, String field, int fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw ApiError.badRequest(field, "must be an integer");
        return v.asInt();
    }

    static double number(JsonNode n, String field, double fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber()) throw ApiError.badRequest(field, "must be a number");
        return v.asDouble();
    }

    static List<JsonNode> array(JsonNode n, String field, int maxItems) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) throw ApiError.badRequest(field, "must be an array");
        if (v.size() > maxItems) throw ApiError.badRequest(field, "at most " + maxItems + " entries per request");
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }
}
