package io.rerankworkbench.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

/** Helpers for JSON Lines records ({@code .jsonl}: one JSON object per line). */
final class JsonLines {

    // One object per line: anything after it (a second object, a stray brace) is an error, not silently dropped.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonLines() {
    }

    static JsonNode parseObject(Path file, int lineNo, String line) throws InputFormatException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InputFormatException(file, lineNo, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new InputFormatException(file, lineNo, "expected a JSON object");
        }
        return node;
    }

    /**
     * The value of a field as text. Identifiers may be written as JSON numbers; anything else must be a string.
     *
     * @param required when false, a missing or null field gives {@code null}
     */
    static String text(Path file, int lineNo, JsonNode record, String field, boolean required, boolean allowNumber)
            throws InputFormatException {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InputFormatException(file, lineNo, "missing field \"" + field + "\"");
            }
            return null;
        }
        if (value.isTextual() || (allowNumber && value.isIntegralNumber())) {
            return value.asText();
        }
        throw new InputFormatException(file, lineNo, "field \"" + field + "\" must be a string, found "
                + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
}
