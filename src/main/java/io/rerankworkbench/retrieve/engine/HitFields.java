package io.rerankworkbench.retrieve.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads a mapped field from a returned document: plain values, multi-valued fields and dotted paths. */
final class HitFields {

    private HitFields() {
    }

    /**
     * The field's text: a string or number as it is, the values of a multi-valued field joined with a space; null
     * when the document has no such field. {@code a.b} also finds an object field {@code b} inside {@code a}.
     */
    static String text(JsonNode doc, String field) {
        if (doc == null || !doc.isObject() || field.isEmpty()) {
            return null;
        }
        JsonNode value = doc.get(field);
        if (value == null && field.contains(".")) {
            value = doc;
            for (String part : field.split("\\.")) {
                value = value == null ? null : value.get(part);
            }
        }
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode v : value) {
                if (!v.isNull() && !v.isContainerNode()) {
                    parts.add(v.asText());
                }
            }
            return String.join(" ", parts);
        }
        return value.isContainerNode() ? value.toString() : value.asText();
    }

    /** The hit's score, or NaN when the engine sent none (a sorted query). */
    static double score(JsonNode value) {
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }

    /** {@code hit 3 has no field "text"} (hits counted from 1, as the user reads them). */
    static String missing(int index, String field) {
        return "hit " + (index + 1) + " has no field \"" + field + "\"";
    }
}
