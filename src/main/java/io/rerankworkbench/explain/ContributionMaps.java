package io.rerankworkbench.explain;

/**
 * A bi-encoder's token-pair map: for a mean-pooled model the exact decomposition of the cosine score
 * ({@link ExplainMethod#CONTRIBUTIONS}), otherwise token-pair cosine similarity ({@link ExplainMethod#SIMILARITY}).
 * Special tokens (e.g. [CLS], [SEP], a model's prefix) are in the mean pooling, so they keep rows and columns of
 * their own and the cells still add up to the score at word granularity.
 */
public final class ContributionMaps {

    /** @param contributions from {@link TokenContributions#of}; query and document are the texts the user wrote */
    public static ContributionMaps of(TokenContributions contributions, String query, String document) {
        throw new UnsupportedOperationException("not yet");
    }

    public ExplainMethod method() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The map at {@code granularity}; {@code score} is the run's score (NaN when unknown). */
    public ExplanationMap map(Granularity granularity, String ranker, double score) {
        throw new UnsupportedOperationException("not yet");
    }
}
