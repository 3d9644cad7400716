package io.rerankworkbench.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * The JSON the server writes. Field names and presence follow Cohere's rerank responses and TEI's; the comments
 * note where the official Cohere Java SDK 1.7.0 is strict (see REMOTE_APIS.md §2.5).
 */
final class Wire {

    /** Strict reading (duplicate keys and trailing content are errors); plain writing. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Wire() {
    }

    /**
     * Cohere v1/v2 rerank response. {@code meta.api_version.version} is always set: the SDK fails on a null
     * version.
     */
    @JsonPropertyOrder({"id", "results", "meta"})
    record RerankResponse(String id, List<Result> results, Meta meta) {
    }

    /**
     * One ranked document. {@code document} is left out unless documents are echoed; when present it always holds a
     * non-null {@code text} (the SDK rejects {@code "text": null} and bare-string documents).
     */
    @JsonPropertyOrder({"index", "relevance_score", "document"})
    record Result(int index, @JsonProperty("relevance_score") double relevanceScore,
                  @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode document) {
    }

    @JsonPropertyOrder({"api_version", "billed_units"})
    record Meta(@JsonProperty("api_version") ApiVersion apiVersion,
                @JsonProperty("billed_units") BilledUnits billedUnits) {
    }

    record ApiVersion(String version) {
    }

    record BilledUnits(@JsonProperty("search_units") int searchUnits) {
    }

    /** One entry of TEI's top-level response array. */
    @JsonPropertyOrder({"index", "score", "text"})
    record TeiRank(int index, double score, @JsonInclude(JsonInclude.Include.NON_NULL) String text) {
    }

    /**
     * Cohere's error body, {@code {"id", "message"}}. On TEI's route it also carries TEI's {@code error} and
     * {@code error_type}, so clients of either read it.
     */
    @JsonPropertyOrder({"id", "message", "error", "error_type"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorBody(String id, String message, String error, @JsonProperty("error_type") String errorType) {
    }

    /** {@code GET /health}; open without the API key, so it tells nothing but that the server is up. */
    record Health(String status) {
    }
}
