package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.core.JsonPointer;

import java.util.Objects;

/**
 * How to talk to a reranker whose JSON no built-in dialect speaks: the field names of the request and JSON pointers
 * into the response. Enough for, e.g., {@code {"query": …, "candidates": […], "top_k": n}} answered by
 * {@code {"hits": [{"id": 3, "relevance": 0.9}]}}.
 *
 * @param path             appended to the base URL, e.g. {@code /rerank}
 * @param queryField       request field for the query text
 * @param documentsField   request field for the documents
 * @param documentTextField when non-null, each document is sent as {@code {documentTextField: text}} rather than a
 *                          bare string
 * @param topKField        request field for the cut-off, or {@code null} when the server has none
 * @param modelField       request field for the model name, or {@code null} when the server takes none
 * @param resultsPointer   JSON pointer to the results array; {@code ""} when the body is the array
 * @param indexPointer     pointer within a result to its index into the request's documents, e.g. {@code /index}
 * @param scorePointer     pointer within a result to its score, e.g. {@code /score}
 * @param authHeader       header that carries the key, e.g. {@code Authorization} or {@code X-Api-Key}
 * @param authPrefix       text before the key in that header, e.g. {@code "Bearer "}; may be empty
 * @param maxDocuments     documents per request the server accepts
 * @param listwise         whether the model scores documents jointly (scores not comparable across requests)
 */
public record CustomJsonFields(String path, String queryField, String documentsField, String documentTextField,
                               String topKField, String modelField, String resultsPointer, String indexPointer,
                               String scorePointer, String authHeader, String authPrefix, int maxDocuments,
                               boolean listwise) {

    public CustomJsonFields {
        Objects.requireNonNull(path, "path");
        requireName(queryField, "queryField");
        requireName(documentsField, "documentsField");
        Objects.requireNonNull(resultsPointer, "resultsPointer");
        requirePointer(resultsPointer, "resultsPointer", true);
        requirePointer(indexPointer, "indexPointer", false);
        requirePointer(scorePointer, "scorePointer", false);
        requireName(authHeader, "authHeader");
        authPrefix = authPrefix == null ? "" : authPrefix;
        if (maxDocuments < 1) {
            throw new IllegalArgumentException("maxDocuments must be >= 1, was " + maxDocuments);
        }
        if (!path.isEmpty() && !path.startsWith("/")) {
            path = "/" + path;
        }
    }

    /**
     * {@code {"query", "documents": [...], "top_n"}} answered by {@code {"results": [{"index", "score"}]}} with a
     * bearer key and 100 documents per request; a starting point to edit.
     */
    public static CustomJsonFields defaults() {
        return new CustomJsonFields("/rerank", "query", "documents", null, "top_n", "model", "/results", "/index",
                "/score", "Authorization", "Bearer ", 100, false);
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requirePointer(String value, String what, boolean mayBeRoot) {
        if (value == null || (!mayBeRoot && value.isEmpty())) {
            throw new IllegalArgumentException(what + " must be a JSON pointer such as /score");
        }
        try {
            JsonPointer.compile(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a JSON pointer (it must start with /): " + value, e);
        }
    }
}
