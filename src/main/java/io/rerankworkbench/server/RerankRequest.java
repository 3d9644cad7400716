package io.rerankworkbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated rerank request, whichever API it came through.
 *
 * @param model      the requested model, or {@code null} for the server's default
 * @param query      the query, never blank
 * @param documents  the documents as JSON: strings, or (Cohere v1) objects with a string {@code text}
 * @param topN       how many results to return, or {@code null} for all
 * @param echo       whether results carry the document back
 */
record RerankRequest(String model, String query, List<JsonNode> documents, Integer topN, boolean echo) {

    /** Which wire format a request follows. */
    enum Api { COHERE_V1, COHERE_V2, TEI }

    RerankRequest {
        documents = List.copyOf(documents);
    }

    /** The text the model ranks for document {@code i}. */
    String text(int i) {
        JsonNode doc = documents.get(i);
        return doc.isTextual() ? doc.textValue() : doc.get("text").textValue();
    }

    List<String> texts() {
        List<String> texts = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            texts.add(text(i));
        }
        return texts;
    }

    /**
     * Cohere's echo of document {@code i}: {@code {"text": …}} for a string; an object document comes back with its
     * own keys, as Cohere's v1 does.
     */
    JsonNode echoed(int i) {
        JsonNode doc = documents.get(i);
        return doc.isTextual() ? JsonNodeFactory.instance.objectNode().put("text", doc.textValue()) : doc;
    }

    /** Cohere's search units: one per started hundred documents, for the one query. */
    int searchUnits() {
        return (documents.size() + 99) / 100;
    }

    /**
     * Reads and checks a request body.
     *
     * <p>Cohere: {@code model}, {@code query}, {@code documents} (alias {@code candidates}), {@code top_n} (alias
     * {@code top_k}), {@code return_documents}; v1 also takes {@code {"text": …}} objects and {@code rank_fields}
     * when it is just {@code ["text"]}. {@code max_tokens_per_doc}, {@code max_chunks_per_doc}, {@code priority} and
     * other unknown fields are accepted and ignored.
     *
     * <p>TEI: {@code query}, {@code texts}, {@code return_text}; {@code truncate}, {@code truncation_direction},
     * {@code raw_scores} are accepted and ignored (the server always returns the model's own score and truncates at
     * the model's limit).
     *
     * @throws ApiException 400 naming the first problem found
     */
    static RerankRequest parse(Api api, JsonNode body, int maxDocuments) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        String model = optionalString(body, "model");
        if (model != null && model.isBlank()) {
            throw ApiException.badRequest("model must not be empty (leave it out for the server's default model)");
        }
        String query = requiredString(body, "query");
        if (query.isBlank()) {
            throw ApiException.badRequest("query must not be empty");
        }
        if (api == Api.TEI) {
            List<JsonNode> texts = documents(body, "texts", null, api, maxDocuments);
            boolean returnText = optionalBoolean(body, "return_text");
            return new RerankRequest(model, query, texts, null, returnText);
        }
        if (api == Api.COHERE_V1) {
            checkRankFields(body);
        }
        List<JsonNode> documents = documents(body, "documents", "candidates", api, maxDocuments);
        Integer topN = topN(body);
        boolean returnDocuments = optionalBoolean(body, "return_documents");
        return new RerankRequest(model, query, documents, topN, returnDocuments);
    }

    private static List<JsonNode> documents(JsonNode body, String field, String alias, Api api, int maxDocuments) {
        JsonNode docs = present(body, field);
        JsonNode aliased = alias == null ? null : present(body, alias);
        if (docs != null && aliased != null) {
            throw ApiException.badRequest("give " + field + " or " + alias + ", not both");
        }
        String name = docs != null || aliased == null ? field : alias;
        if (docs == null) {
            docs = aliased;
        }
        if (docs == null) {
            throw ApiException.badRequest(name + " is required");
        }
        String expected = api == Api.COHERE_V1 ? "an array of strings or of objects with a \"text\" string"
                : "an array of strings";
        if (!docs.isArray()) {
            throw ApiException.badRequest(name + " must be " + expected);
        }
        if (docs.isEmpty()) {
            throw ApiException.empty("list of " + name + " must not be empty");
        }
        if (docs.size() > maxDocuments) {
            throw ApiException.badRequest("too many " + name + ": " + docs.size() + "; at most " + maxDocuments
                    + " per request");
        }
        List<JsonNode> list = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            JsonNode doc = docs.get(i);
            if (doc.isTextual()) {
                list.add(doc);
            } else if (api == Api.COHERE_V1 && doc.isObject()) {
                JsonNode text = doc.get("text");
                if (text == null || text.isNull()) {
                    throw ApiException.badRequest("document at index " + i + " does not have a 'text' field");
                }
                if (!text.isTextual()) {
                    throw ApiException.badRequest("the 'text' field of document at index " + i + " must be a string");
                }
                list.add(doc);
            } else {
                String hint = api == Api.COHERE_V2 && doc.isObject()
                        ? " (v2 takes plain strings; send {\"text\": …} objects to /v1/rerank)" : "";
                throw ApiException.badRequest(name + " must be " + expected + "; the one at index " + i + " is "
                        + kind(doc) + hint);
            }
        }
        return list;
    }

    private static Integer topN(JsonNode body) {
        JsonNode n = present(body, "top_n");
        JsonNode k = present(body, "top_k");
        if (n != null && k != null) {
            throw ApiException.badRequest("give top_n or top_k, not both");
        }
        String name = n != null ? "top_n" : "top_k";
        JsonNode value = n != null ? n : k;
        if (value == null) {
            return null;
        }
        boolean integral = value.isIntegralNumber()
                || value.isFloatingPointNumber() && value.canConvertToExactIntegral();
        if (!integral || value.doubleValue() < 1) {
            throw ApiException.badRequest(name + " must be a whole number of at least 1");
        }
        return value.canConvertToInt() ? value.intValue() : Integer.MAX_VALUE;
    }

    /** Ranking on other fields is not supported; accepting them silently would rank the wrong text. */
    private static void checkRankFields(JsonNode body) {
        JsonNode fields = present(body, "rank_fields");
        if (fields == null) {
            return;
        }
        boolean onlyText = fields.isArray() && fields.size() == 1 && "text".equals(fields.get(0).textValue());
        if (!onlyText) {
            throw ApiException.badRequest("rank_fields is not supported by this server: put the text to rank under"
                    + " \"text\" in each document");
        }
    }

    private static String requiredString(JsonNode body, String field) {
        String value = optionalString(body, field);
        if (value == null) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    private static String optionalString(JsonNode body, String field) {
        JsonNode value = present(body, field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string, not " + kind(value));
        }
        return value.textValue();
    }

    private static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode value = present(body, field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false, not " + kind(value));
        }
        return value.booleanValue();
    }

    /** The field's value; absent and JSON {@code null} both count as not given. */
    private static JsonNode present(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL -> "null";
            default -> "not a JSON value";
        };
    }
}
