package io.rerankworkbench.core.project;

import java.util.Objects;

/**
 * What a run found for one document.
 *
 * @param score         {@code NaN} when the ranker gave none
 * @param probability   {@code NaN} when the ranker gives none
 * @param tokensDropped tokens the model could not see (0 when not truncated)
 * @param chunkStart    character offset of the winning chunk, or -1 when the document was not chunked
 * @param chunkEnd      exclusive end of the winning chunk, or -1
 */
public record RunScoreRecord(String documentKey, double score, double probability, int rank, int tokensDropped,
                             int chunkStart, int chunkEnd) {
    public RunScoreRecord {
        Objects.requireNonNull(documentKey, "documentKey");
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, was " + rank);
        }
        if (tokensDropped < 0) {
            throw new IllegalArgumentException("tokensDropped must be >= 0, was " + tokensDropped);
        }
    }

    public boolean chunked() {
        return chunkStart >= 0;
    }
}
