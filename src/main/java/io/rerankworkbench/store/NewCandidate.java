package io.rerankworkbench.store;

import java.util.Objects;

/**
 * One row of a candidate import: a document and its place in the first-stage ranking.
 *
 * @param firstStageScore the first-stage (e.g. BM25) score, or {@code NaN} when the source gives none
 * @param title           may be null
 */
public record NewCandidate(int originalRank, String docId, String title, String text, double firstStageScore) {
    public NewCandidate {
        if (originalRank < 1) {
            throw new IllegalArgumentException("originalRank must be >= 1, was " + originalRank);
        }
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(text, "text");
    }

    public NewCandidate(int originalRank, String docId, String text) {
        this(originalRank, docId, null, text, Double.NaN);
    }
}
