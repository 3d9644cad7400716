package io.rerankworkbench.rerank.remote;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * The wire layer: request bodies exactly as each provider documents them (REMOTE_APIS.md), one record per provider,
 * and the one JSON mapper the package uses. Unset optional fields are left out of the body, never sent as null.
 * Responses are read as trees ({@link Responses}) because their validation (integral index, numeric score, no
 * silent defaults) is stricter than data binding gives.
 */
final class Wire {

    /** Strict reading: trailing garbage after the JSON value is an error, not ignored. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Wire() {
    }

    /** {@code POST /v2/rerank}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CohereV2Request(String model, String query, List<String> documents,
                           @JsonProperty("top_n") Integer topN,
                           @JsonProperty("max_tokens_per_doc") Integer maxTokensPerDoc,
                           Integer priority,
                           @JsonProperty("use_activation") Boolean useActivation,
                           @JsonProperty("max_tokens_per_query") Integer maxTokensPerQuery) {
    }

    /** {@code POST /v1/rerank}; documents are never echoed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CohereV1Request(String model, String query, List<String> documents,
                           @JsonProperty("top_n") Integer topN,
                           @JsonProperty("return_documents") boolean returnDocuments,
                           @JsonProperty("max_chunks_per_doc") Integer maxChunksPerDoc,
                           @JsonProperty("use_activation") Boolean useActivation,
                           @JsonProperty("max_tokens_per_query") Integer maxTokensPerQuery) {
    }

    /** Jina {@code POST /v1/rerank}; {@code return_documents} is sent explicitly since its default changed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JinaRequest(String model, String query, List<String> documents,
                       @JsonProperty("top_n") Integer topN,
                       @JsonProperty("return_documents") boolean returnDocuments) {
    }

    /** Voyage {@code POST /v1/rerank}: the cut-off is {@code top_k}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VoyageRequest(String model, String query, List<String> documents,
                         @JsonProperty("top_k") Integer topK,
                         @JsonProperty("return_documents") boolean returnDocuments,
                         Boolean truncation) {
    }

    /** Mixedbread {@code POST /v1/reranking}: documents are {@code input}, the echo flag {@code return_input}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MixedbreadRequest(String model, String query, List<String> input,
                             @JsonProperty("top_k") Integer topK,
                             @JsonProperty("return_input") boolean returnInput,
                             @JsonProperty("rewrite_query") Boolean rewriteQuery) {
    }

    /** Pinecone {@code POST /rerank}: documents are objects ranked on {@code text}; echo defaults to true. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PineconeRequest(String model, String query, List<TextItem> documents,
                           @JsonProperty("top_n") Integer topN,
                           @JsonProperty("return_documents") boolean returnDocuments,
                           PineconeParameters parameters) {
    }

    /** Pinecone's model parameters: {@code truncate} END (cut over-long pairs) or NONE (refuse them). */
    record PineconeParameters(String truncate) {
    }

    /** TEI {@code POST /rerank}: documents are {@code texts}; no cut-off field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TeiRequest(String query, List<String> texts, Boolean truncate,
                      @JsonProperty("raw_scores") boolean rawScores,
                      @JsonProperty("return_text") boolean returnText,
                      @JsonProperty("truncation_direction") String truncationDirection) {
    }

    /** NVIDIA NIM {@code POST /v1/ranking}: query and passages are objects; {@code truncate} NONE or END. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NimRequest(String model, TextItem query, List<TextItem> passages, String truncate) {
    }

    /** {@code {"text": ...}}. */
    record TextItem(String text) {
        static List<TextItem> all(List<String> texts) {
            return texts.stream().map(TextItem::new).toList();
        }
    }
}
