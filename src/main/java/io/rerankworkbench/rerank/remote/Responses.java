package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads response bodies: results, usage, and the provider's message out of an error body. Every problem becomes a
 * {@link ProtocolProblem} whose message names what was wrong, for {@link Failures} to wrap.
 */
final class Responses {

    private static final int MAX_QUOTE = 300;

    private Responses() {
    }

    /** One scored document as the provider returned it: the index into the request's documents, and its score. */
    record Result(int index, double score) {
    }

    /** A response's results and what it says it cost. */
    record Parsed(List<Result> results, RunUsage billed) {
        Parsed {
            results = List.copyOf(results);
        }
    }

    /** A 2xx body that cannot be used; the message says what was wrong with it. */
    static final class ProtocolProblem extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolProblem(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a body as JSON; says whether it was empty, cut short or not JSON at all. */
    static JsonNode json(String body) throws ProtocolProblem {
        if (body == null || body.isBlank()) {
            throw new ProtocolProblem("the response body is empty");
        }
        try {
            return Wire.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            if (e instanceof JsonEOFException || e.getCause() instanceof JsonEOFException
                    || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
                throw new ProtocolProblem("the response is cut short: its JSON ends after " + body.length()
                        + " characters (" + quote(tail(body)) + ")");
            }
            throw new ProtocolProblem("the response is not valid JSON ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "): " + quote(body));
        }
    }

    /**
     * The results array at {@code resultsPointer} ({@code ""} for a top-level array), each item's index and score
     * at the item-relative pointers. Scores are doubles; a missing, null, fractional or non-numeric index or score is
     * an error (never a silent 0).
     */
    static List<Result> results(JsonNode root, String resultsPointer, String indexPointer, String scorePointer)
            throws ProtocolProblem {
        JsonNode array = root.at(JsonPointer.compile(resultsPointer));
        String where = resultsPointer.isEmpty() ? "the response" : "\"" + resultsPointer.substring(1) + "\"";
        if (array.isMissingNode() || array.isNull()) {
            throw new ProtocolProblem("the response has no " + where + " array; it has "
                    + fieldsOf(root) + " (is the dialect right?)");
        }
        if (!array.isArray()) {
            throw new ProtocolProblem(where + " is " + kind(array) + ", not an array");
        }
        JsonPointer ip = JsonPointer.compile(indexPointer);
        JsonPointer sp = JsonPointer.compile(scorePointer);
        List<Result> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            JsonNode index = item.at(ip);
            JsonNode score = item.at(sp);
            if (!index.isNumber() || !index.canConvertToExactIntegral() || !index.canConvertToInt()) {
                throw new ProtocolProblem("result " + i + " has " + describe(index) + " where an integer \""
                        + indexPointer.substring(1) + "\" was expected");
            }
            if (!score.isNumber() || !Double.isFinite(score.doubleValue())) {
                throw new ProtocolProblem("result " + i + " has " + describe(score) + " where a numeric \""
                        + scorePointer.substring(1) + "\" was expected");
            }
            out.add(new Result(index.intValue(), score.doubleValue()));
        }
        return out;
    }

    /**
     * Billing fields found in the body or headers: Cohere's {@code meta.billed_units.search_units}, token counts
     * ({@code usage.total_tokens}, else {@code usage.prompt_tokens}, else Cohere's {@code input_tokens}, else TEI's
     * {@code x-compute-tokens} header), Pinecone's {@code usage.rerank_units}.
     */
    static RunUsage usage(JsonNode root, Function<String, String> header) {
        double searchUnits = number(root, "/meta/billed_units/search_units");
        long tokens = (long) firstNumber(root, "/usage/total_tokens", "/usage/prompt_tokens",
                "/meta/billed_units/input_tokens", "/meta/tokens/input_tokens");
        if (tokens == 0) {
            String computed = header.apply("x-compute-tokens");
            if (computed != null) {
                try {
                    tokens = Long.parseLong(computed.strip());
                } catch (NumberFormatException ignored) {
                    // A malformed header is not worth failing a scored response over.
                }
            }
        }
        long rerankUnits = (long) number(root, "/usage/rerank_units");
        return RunUsage.billed(searchUnits, tokens, rerankUnits);
    }

    /**
     * The provider's own words from an error body: {@code message}, {@code error} (text or an object with
     * {@code message}), {@code detail} (text or FastAPI's list of {@code {msg}}), else the raw text; {@code null} for
     * an empty body.
     */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = Wire.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return clip(body.strip());
        }
        if (root == null || !root.isObject()) {
            return clip(body.strip());
        }
        String found = text(root.get("message"));
        if (found == null) {
            JsonNode error = root.get("error");
            found = error != null && error.isObject() ? text(error.get("message")) : text(error);
        }
        if (found == null) {
            JsonNode detail = root.get("detail");
            if (detail != null && detail.isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode d : detail) {
                    String msg = d.isObject() ? text(d.get("msg")) : text(d);
                    if (msg != null) {
                        JsonNode loc = d.get("loc");
                        parts.add(loc != null && loc.isArray() ? msg + " (at " + joinLoc(loc) + ")" : msg);
                    }
                }
                found = parts.isEmpty() ? null : String.join("; ", parts);
            } else {
                found = text(detail);
            }
        }
        return clip(found != null ? found : body.strip());
    }

    private static String joinLoc(JsonNode loc) {
        List<String> parts = new ArrayList<>();
        loc.forEach(p -> parts.add(p.asText()));
        return String.join(".", parts);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String s = node.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static double number(JsonNode root, String pointer) {
        JsonNode n = root.at(JsonPointer.compile(pointer));
        return n.isNumber() ? n.doubleValue() : 0;
    }

    private static double firstNumber(JsonNode root, String... pointers) {
        for (String p : pointers) {
            double v = number(root, p);
            if (v != 0) {
                return v;
            }
        }
        return 0;
    }

    private static String fieldsOf(JsonNode root) {
        if (root.isObject()) {
            List<String> names = new ArrayList<>();
            root.fieldNames().forEachRemaining(names::add);
            return names.isEmpty() ? "no fields" : "fields " + String.join(", ", names);
        }
        return kind(root);
    }

    private static String describe(JsonNode node) {
        if (node.isMissingNode()) {
            return "no value";
        }
        if (node.isNull()) {
            return "null";
        }
        return kind(node) + " " + clip(node.toString());
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    /** Text quoted for a message: one line, at most a few hundred characters. */
    static String quote(String s) {
        return "\"" + clip(s) + "\"";
    }

    static String clip(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "?");
        return one.length() <= MAX_QUOTE ? one : one.substring(0, MAX_QUOTE) + "...";
    }

    private static String tail(String s) {
        return s.length() <= 40 ? s : "..." + s.substring(s.length() - 40);
    }
}
