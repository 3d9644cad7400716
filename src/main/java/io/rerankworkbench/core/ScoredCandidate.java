package io.rerankworkbench.core;

import java.util.Objects;

/**
 * A candidate with the score a ranker gave it and its resulting rank.
 *
 * @param rank           1-based rank after reranking
 * @param tokensDropped  how many of the document's tokens the model could not see (0 when not truncated)
 */
public record ScoredCandidate(Candidate candidate, double score, int rank, int tokensDropped) {
    public ScoredCandidate {
        Objects.requireNonNull(candidate, "candidate");
        if (tokensDropped < 0) {
            throw new IllegalArgumentException("tokensDropped must be >= 0");
        }
    }

    public boolean truncated() {
        return tokensDropped > 0;
    }

    /** Places gained (positive) or lost (negative) relative to the original order. */
    public int rankChange() {
        return candidate.originalRank() - rank;
    }
}
