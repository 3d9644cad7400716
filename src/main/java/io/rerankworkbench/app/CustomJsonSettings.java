package io.rerankworkbench.app;

/**
 * The parts of a Custom JSON endpoint the user sets: the request's field names and JSON pointers into the response.
 * Enough for a service documented as {@code {"query": …, "candidates": […], "top_k": n}}.
 *
 * @param path           appended to the base URL, e.g. {@code /rerank}
 * @param queryField     request field for the query text
 * @param documentsField request field for the documents
 * @param topKField      request field for the cut-off; blank when the server has none
 * @param resultsPointer JSON pointer to the results array; blank when the body is the array
 * @param indexPointer   pointer within a result to the document's index
 * @param scorePointer   pointer within a result to its score
 */
public record CustomJsonSettings(String path, String queryField, String documentsField, String topKField,
                                 String resultsPointer, String indexPointer, String scorePointer) {

    /** The provider id of Custom JSON endpoints. */
    public static final String PROVIDER_ID = "custom-json";

    /** {@code /rerank}, {@code query}, {@code candidates}, {@code top_k}, {@code /results}, {@code /index},
     * {@code /score}. */
    public static CustomJsonSettings defaults() {
        return new CustomJsonSettings("/rerank", "query", "candidates", "top_k", "/results", "/index", "/score");
    }

    /** This with {@code null} parts taken from {@link #defaults()}. */
    public CustomJsonSettings orDefaults() {
        CustomJsonSettings d = defaults();
        return new CustomJsonSettings(path == null ? d.path : path, queryField == null ? d.queryField : queryField,
                documentsField == null ? d.documentsField : documentsField, topKField == null ? d.topKField : topKField,
                resultsPointer == null ? d.resultsPointer : resultsPointer,
                indexPointer == null ? d.indexPointer : indexPointer, scorePointer == null ? d.scorePointer : scorePointer);
    }
}
