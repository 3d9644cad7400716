package io.rerankworkbench.core;

import java.util.Objects;

/**
 * One document to be ranked for a query, as the user supplied it.
 *
 * @param originalRank 1-based position in the input order (the first-stage ranking)
 * @param docId        the document's identifier; for pasted candidates, the original position as text
 * @param text         the text the ranker sees
 */
public record Candidate(int originalRank, String docId, String text) {
    public Candidate {
        if (originalRank < 1) {
            throw new IllegalArgumentException("originalRank must be >= 1, was " + originalRank);
        }
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(text, "text");
    }
}
