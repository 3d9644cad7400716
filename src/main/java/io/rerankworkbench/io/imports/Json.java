package io.rerankworkbench.io.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reading fields of JSON records with the reasons for a problem list: every accessor adds what is wrong to
 * {@code bad} (prefixed by where in the record, e.g. {@code documents[3]: }) and returns null.
 */
final class Json {

    // One object per line: anything after it (a second object, a stray brace) is an error, not silently dropped.
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // Reads one value in the middle of a stream (bundle elements), so trailing tokens are the rest of the file.
    static final ObjectMapper STREAMING = JsonMapper.builder().build();

    private Json() {
    }

    /** The JSON object on a line, or null with the reason added. */
    static JsonNode parseObject(String line, List<String> bad) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            bad.add("not valid JSON: " + e.getOriginalMessage());
            return null;
        }
        if (node == null || !node.isObject()) {
            bad.add("expected a JSON object");
            return null;
        }
        return node;
    }

    /**
     * The top-level fields of the JSON object that starts {@code line}, read as far as the text goes: for a line
     * cut short (detection reads only the start of a file) the fields before the cut, a field cut inside its value
     * holding an empty string, containers as empty placeholders. Null when the line does not start an object.
     */
    static com.fasterxml.jackson.databind.node.ObjectNode leadingFields(String line) {
        com.fasterxml.jackson.databind.node.ObjectNode fields = MAPPER.createObjectNode();
        try (com.fasterxml.jackson.core.JsonParser p = STREAMING.createParser(line)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if (value == null) {
                    break;
                }
                fields.put(name, "");
                if (value.isStructStart()) {
                    fields.set(name, value == com.fasterxml.jackson.core.JsonToken.START_ARRAY
                            ? MAPPER.createArrayNode() : MAPPER.createObjectNode());
                    p.skipChildren();
                } else if (value.isScalarValue()) {
                    fields.set(name, p.readValueAsTree());
                }
            }
        } catch (IOException | RuntimeException e) {
            // The line ends inside a value: keep the fields read so far.
        }
        return fields;
    }

    /** The first of {@code names} present (and not null) in {@code obj}, or null. */
    static String present(JsonNode obj, String... names) {
        for (String n : names) {
            JsonNode v = obj.get(n);
            if (v != null && !v.isNull()) {
                return n;
            }
        }
        return null;
    }

    static String type(JsonNode v) {
        return v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String nameList(String... names) {
        StringBuilder sb = new StringBuilder("\"").append(names[0]).append('"');
        if (names.length > 1) {
            sb.append(" (or ");
            for (int i = 1; i < names.length; i++) {
                sb.append(i > 1 ? ", " : "").append('"').append(names[i]).append('"');
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /**
     * A string field (an id may also be an integer) under the first of its names that is present.
     *
     * @return the text, or null when absent (a problem only when {@code required}) or of the wrong type
     */
    static String string(JsonNode obj, String where, List<String> bad, boolean required, boolean idLike,
                         String... names) {
        String name = present(obj, names);
        if (name == null) {
            if (required) {
                bad.add(where + "missing field " + nameList(names));
            }
            return null;
        }
        JsonNode v = obj.get(name);
        if (v.isTextual() || (idLike && v.isIntegralNumber())) {
            return v.asText();
        }
        bad.add(where + "field \"" + name + "\" must be a string, found " + type(v));
        return null;
    }

    /** A number field, or null when absent or wrong (a problem then). */
    static Double number(JsonNode obj, String where, List<String> bad, String... names) {
        String name = present(obj, names);
        if (name == null) {
            return null;
        }
        JsonNode v = obj.get(name);
        if (v.isNumber() && Double.isFinite(v.asDouble())) {
            return v.asDouble();
        }
        bad.add(where + "field \"" + name + "\" must be a number, found " + type(v));
        return null;
    }

    /** An integer field (integral decimals such as 2.0 accepted), or null when absent or wrong (a problem then). */
    static Integer integer(JsonNode obj, String where, List<String> bad, String... names) {
        String name = present(obj, names);
        if (name == null) {
            return null;
        }
        JsonNode v = obj.get(name);
        if (v.isNumber() && v.canConvertToInt() && v.asDouble() == Math.rint(v.asDouble())) {
            return (int) v.asDouble();
        }
        bad.add(where + "field \"" + name + "\" must be an integer, found " + (v.isNumber() ? v.asText() : type(v)));
        return null;
    }
}
