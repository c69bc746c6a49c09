package io.rlhf4j.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A position in an input file plus the typed field accessors the readers use, so that every
 * missing field, wrong type and record validation error becomes a {@link DatasetFormatException}
 * naming file, line and field. Field names are paths such as {@code judgments[2].meta.created_at}.
 */
record Where(Path file, long line) {

    DatasetFormatException fail(String field, String problem) {
        return new DatasetFormatException(file, line, field, problem);
    }

    /** Runs a record constructor; its IllegalArgumentException keeps its message and gains file, line and field. */
    <T> T build(String field, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(file, line, field, e.getMessage(), e);
        }
    }

    JsonNode required(ObjectNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) throw fail(path, "missing");
        return value;
    }

    String text(ObjectNode node, String name, String path) {
        JsonNode value = required(node, name, path);
        if (!value.isTextual()) throw fail(path, "expected a string, found " + kind(value));
        return value.textValue();
    }

    /** A string that may be absent or null. */
    String optionalText(ObjectNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw fail(path, "expected a string, found " + kind(value));
        return value.textValue();
    }

    ObjectNode object(ObjectNode node, String name, String path) {
        return asObject(required(node, name, path), path);
    }

    ObjectNode asObject(JsonNode value, String path) {
        if (!(value instanceof ObjectNode o)) throw fail(path, "expected an object, found " + kind(value));
        return o;
    }

    ArrayNode array(ObjectNode node, String name, String path) {
        JsonNode value = required(node, name, path);
        if (!(value instanceof ArrayNode a)) throw fail(path, "expected an array, found " + kind(value));
        return a;
    }

    int integer(ObjectNode node, String name, String path) {
        JsonNode value = required(node, name, path);
        if (!value.isInt()) throw fail(path, "expected an integer, found " + kind(value) + " " + value);
        return value.intValue();
    }

    Integer optionalInteger(ObjectNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (!value.isInt()) throw fail(path, "expected an integer, found " + kind(value) + " " + value);
        return value.intValue();
    }

    Long optionalLong(ObjectNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw fail(path, "expected an integer, found " + kind(value) + " " + value);
        }
        return value.longValue();
    }

    Double optionalDouble(ObjectNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) return null;
        if (!value.isNumber()) throw fail(path, "expected a number, found " + kind(value));
        return value.doubleValue();
    }

    /** Parses an enum-like value; the parser's IllegalArgumentException becomes a field error. */
    <T> T parsed(String field, String raw, java.util.function.Function<String, T> parser) {
        return build(field, () -> parser.apply(raw));
    }

    static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
