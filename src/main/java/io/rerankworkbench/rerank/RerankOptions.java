package io.rerankworkbench.rerank;

import java.util.Objects;

/**
 * Per-run choices.
 *
 * @param longDocuments  truncate (default) or chunk documents longer than the model's limit
 * @param chunkOverlap   tokens shared by neighbouring chunks when chunking
 */
public record RerankOptions(LongDocuments longDocuments, int chunkOverlap) {

    public static final int DEFAULT_CHUNK_OVERLAP = 32;
    public static final RerankOptions DEFAULT = new RerankOptions(LongDocuments.TRUNCATE, DEFAULT_CHUNK_OVERLAP);

    public RerankOptions {
        Objects.requireNonNull(longDocuments, "longDocuments");
        if (chunkOverlap < 0) {
            throw new IllegalArgumentException("chunk overlap must be >= 0, was " + chunkOverlap);
        }
    }

    public static RerankOptions chunked(int overlap) {
        return new RerankOptions(LongDocuments.CHUNK, overlap);
    }
}
