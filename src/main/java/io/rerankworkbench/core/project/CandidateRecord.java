package io.rerankworkbench.core.project;

import java.util.Objects;

/**
 * One document a query ranks.
 *
 * @param documentKey     the {@link DocumentRecord#key()} of the document
 * @param originalRank    1-based position in the first-stage ranking
 * @param firstStageScore e.g. a BM25 score, or {@code NaN} when the source has none
 */
public record CandidateRecord(String documentKey, int originalRank, double firstStageScore) {
    public CandidateRecord {
        Objects.requireNonNull(documentKey, "documentKey");
        if (originalRank < 1) {
            throw new IllegalArgumentException("originalRank must be >= 1, was " + originalRank);
        }
    }
}
