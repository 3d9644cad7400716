package io.rerankworkbench.rerank;

/**
 * A ranker that can show why it scored a document as it did. Calls block (they run the model) and belong on the
 * inference lane.
 */
public interface Explainable {

    /**
     * Attention probabilities: for a cross-encoder over the pair {@code [CLS] query [SEP] document [SEP]}; for a
     * bi-encoder each text's self-attention ({@link AttentionResult.Separate}). A model whose attention is fused
     * yields {@link AttentionResult.Unavailable}.
     */
    AttentionResult attention(String query, String document);

    /**
     * Per-token vectors of a bi-encoder for a query ({@code isQuery}: with the model's query prefix) or a document.
     *
     * @throws UnsupportedOperationException for cross-encoders and models whose graph pools internally
     */
    TokenVectors tokenVectors(String text, boolean isQuery);

    /** Whether {@link #tokenVectors} works (a bi-encoder whose graph returns per-token vectors). */
    default boolean hasTokenVectors() {
        return false;
    }

    /** Whether the model pools by averaging its token vectors (then token-pair terms add up to the score). */
    default boolean meanPooled() {
        return false;
    }
}
