package io.rerankworkbench.rerank.local;

import java.util.Objects;

/**
 * How to use a model, from its configuration files or, for bundled models, from its authors' documentation.
 *
 * @param maxLength      the longest input in tokens, special tokens included
 * @param pooling        bi-encoder pooling (ignored for cross-encoders)
 * @param queryPrefix    text put before every query (e.g. an instruction), or ""
 * @param documentPrefix text put before every document, or ""
 * @param layers         transformer layers, 0 when unknown
 */
public record ModelConfig(int maxLength, Pooling pooling, String queryPrefix, String documentPrefix, int layers) {

    public ModelConfig {
        if (maxLength < 4) {
            throw new IllegalArgumentException("maxLength too small: " + maxLength);
        }
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(queryPrefix, "queryPrefix");
        Objects.requireNonNull(documentPrefix, "documentPrefix");
    }
}
