package io.rerankworkbench.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A candidate with the score a ranker gave it and its resulting rank.
 *
 * @param rank           1-based rank after reranking
 * @param tokensDropped  how many of the document's tokens the model could not see (0 when not truncated)
 * @param probability    the model's probability of relevance, or {@code NaN} when it gives none
 * @param bestChunk      for a document scored in chunks, the span of the chunk that gave its score, else null
 */
public record ScoredCandidate(Candidate candidate, double score, int rank, int tokensDropped, double probability,
                              TextSpan bestChunk) {

    public ScoredCandidate {
        Objects.requireNonNull(candidate, "candidate");
        if (tokensDropped < 0) {
            throw new IllegalArgumentException("tokensDropped must be >= 0");
        }
    }

    public ScoredCandidate(Candidate candidate, double score, int rank, int tokensDropped) {
        this(candidate, score, rank, tokensDropped, Double.NaN, null);
    }

    public boolean truncated() {
        return tokensDropped > 0;
    }

    public boolean hasProbability() {
        return !Double.isNaN(probability);
    }

    public Optional<TextSpan> chunk() {
        return Optional.ofNullable(bestChunk);
    }

    /** Places gained (positive) or lost (negative) relative to the original order. */
    public int rankChange() {
        return candidate.originalRank() - rank;
    }
}
